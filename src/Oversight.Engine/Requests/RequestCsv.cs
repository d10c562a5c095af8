using System.Globalization;
using System.Text.Json;
using NetTopologySuite.IO;
using Oversight.Geo;

namespace Oversight.Requests;

/// <summary>
/// Reads requests from CSV: the request JSON's names as columns (header names case-insensitive),
/// <c>windowStart</c>/<c>windowEnd</c>, and the area as <c>areaWkt</c>, <c>areaGeoJson</c>, or
/// <c>lat</c>, <c>lon</c>, <c>radiusMeters</c>. Problems name their CSV line and column.
/// </summary>
public static class RequestCsv
{
    private static readonly string[] Columns =
    [
        "id", "agency", "requester", "caseNumber", "incidentType", "description", "legalBasis",
        "submittedAt", "windowStart", "windowEnd", "areaWkt", "areaGeoJson", "lat", "lon", "radiusMeters",
    ];

    /// <summary>Reads every record; a header problem is reported once, on line 1, and ends the file.</summary>
    public static IEnumerable<RequestRecord> Read(TextReader reader, RequestLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var rows = CsvRows.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            yield break;
        }

        var header = rows.Current.Fields;
        var (columns, headerProblems) = MapHeader(header);
        if (rows.Current.Error is { } headerError)
        {
            headerProblems.Insert(0, new InputProblem(string.Empty, headerError, rows.Current.Line));
        }

        if (headerProblems.Count > 0)
        {
            yield return new RequestRecord(1, ParseResult<FootageRequest>.Failure(headerProblems));
            yield break;
        }

        while (rows.MoveNext())
        {
            var row = rows.Current;
            var result = row.Error is { } error
                ? ParseResult<FootageRequest>.Failure([new InputProblem(string.Empty, error, row.Line)])
                : ReadRow(row.Fields, columns, header.Length, row.Line, limits ?? RequestLimits.Default);
            yield return new RequestRecord(row.Line, result);
        }
    }

    private static (Dictionary<string, int> Columns, List<InputProblem> Problems) MapHeader(string[] header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<InputProblem>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            var known = Columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problems.Add(new InputProblem(name, $"unknown column '{name}'", 1, i + 1));
            }
            else if (!columns.TryAdd(known, i))
            {
                problems.Add(new InputProblem(name, $"column '{name}' appears more than once", 1, i + 1));
            }
        }

        var areaForms = new[] { "areaWkt", "areaGeoJson", "lat" }.Count(columns.ContainsKey);
        if (areaForms == 0 && problems.Count == 0)
        {
            problems.Add(new InputProblem(string.Empty, "no area column: expected areaWkt, areaGeoJson, or lat, lon and radiusMeters", 1));
        }

        if (columns.ContainsKey("lat") != columns.ContainsKey("lon") || columns.ContainsKey("lat") != columns.ContainsKey("radiusMeters"))
        {
            problems.Add(new InputProblem(string.Empty, "a circle needs all three columns lat, lon and radiusMeters", 1));
        }

        return (columns, problems);
    }

    private static ParseResult<FootageRequest> ReadRow(string[] fields, Dictionary<string, int> columns, int width, int line, RequestLimits limits)
    {
        var draft = new RequestDraft
        {
            Limits = limits,
            PathOf = name => name,
            WindowPath = "windowStart",
            WindowEndPath = "windowEnd",
            AreaPath = columns.ContainsKey("areaWkt") ? "areaWkt" : columns.ContainsKey("areaGeoJson") ? "areaGeoJson" : "lat",
        };
        if (fields.Length != width)
        {
            draft.Problem(string.Empty, $"row has {fields.Length} fields; the header has {width}");
            return Locate(draft.Build(), columns, line);
        }

        string? Cell(string name) =>
            columns.TryGetValue(name, out var index) && !string.IsNullOrWhiteSpace(fields[index]) ? fields[index] : null;

        draft.Id = Cell("id");
        draft.Agency = Cell("agency");
        draft.Requester = Cell("requester");
        draft.CaseNumber = Cell("caseNumber");
        draft.IncidentType = Cell("incidentType");
        draft.Description = Cell("description");
        draft.Basis(Cell("legalBasis"), "legalBasis");
        if (Cell("submittedAt") is { } submitted)
        {
            draft.SubmittedAt = draft.Time(submitted.Trim(), "submittedAt");
            draft.SubmittedAtFailed = draft.SubmittedAt is null;
        }

        var start = Cell("windowStart") is { } s ? draft.Time(s.Trim(), "windowStart") : null;
        var end = Cell("windowEnd") is { } e ? draft.Time(e.Trim(), "windowEnd") : null;
        if (Cell("windowStart") is null)
        {
            draft.Problem("windowStart", "required field is missing");
        }

        if (Cell("windowEnd") is null)
        {
            draft.Problem("windowEnd", "required field is missing");
        }

        draft.WindowStart = start;
        draft.WindowEnd = end;
        draft.WindowFailed = true;
        ReadArea(draft, Cell);
        return Locate(draft.Build(), columns, line);
    }

    private static void ReadArea(RequestDraft draft, Func<string, string?> cell)
    {
        if (cell("areaWkt") is { } wkt)
        {
            draft.AreaFailed = true;
            try
            {
                var geometry = new WKTReader(Geometries.Factory.GeometryServices).Read(wkt);
                draft.Geometry(geometry, "areaWkt");
            }
            catch (Exception e) when (e is ParseException or ArgumentException or FormatException)
            {
                draft.Problem("areaWkt", "not a valid WKT polygon: " + WktMessage(e.Message));
            }
        }
        else if (cell("areaGeoJson") is { } geoJson)
        {
            try
            {
                using var document = JsonDocument.Parse(geoJson);
                if (RequestJson.RepeatedKeys(document.RootElement, "areaGeoJson", draft) == 0)
                {
                    RequestJson.ReadArea(draft, document.RootElement, "areaGeoJson");
                }
                else
                {
                    draft.AreaFailed = true;
                }
            }
            catch (JsonException e)
            {
                draft.AreaFailed = true;
                draft.Problem("areaGeoJson", RequestJson.Malformed(e).Message);
            }
            catch (InvalidOperationException)
            {
                draft.AreaFailed = true;
                draft.Problem("areaGeoJson", "a text holds an unpaired UTF-16 surrogate escape (such as \\ud800); texts must be valid Unicode");
            }
        }
        else if (cell("lat") is not null || cell("lon") is not null || cell("radiusMeters") is not null)
        {
            var lat = Number(draft, cell, "lat");
            var lon = Number(draft, cell, "lon");
            var radius = Number(draft, cell, "radiusMeters");
            draft.AreaFailed = true;
            if (lat is { } la && lon is { } lo && radius is { } r)
            {
                draft.Circle(la, lo, r, "lat", "lat", "radiusMeters");
            }
        }
    }

    private static string WktMessage(string message) =>
        message.Contains("closed linestring", StringComparison.OrdinalIgnoreCase) ? "ring is not closed"
        : message.Contains("Invalid number of points", StringComparison.OrdinalIgnoreCase) ? "ring has fewer than 4 positions"
        : message;

    private static double? Number(RequestDraft draft, Func<string, string?> cell, string name)
    {
        var text = cell(name);
        if (text is null)
        {
            draft.Problem(name, "required field is missing");
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            draft.Problem(name, $"'{text}' is not a number");
            return null;
        }

        return value;
    }

    /// <summary>Gives every problem the row's line and, where it names one, its column number.</summary>
    private static ParseResult<FootageRequest> Locate(ParseResult<FootageRequest> result, Dictionary<string, int> columns, int line)
    {
        if (result.Succeeded)
        {
            return result;
        }

        var located = result.Problems.Select(p =>
        {
            var name = p.Path.Split('.', '[')[0];
            name = name switch { "center" => "lat", _ => name };
            int? column = columns.TryGetValue(name, out var index) ? index + 1 : null;
            return p with { Line = line, Column = p.Column ?? column };
        }).ToList();
        return ParseResult<FootageRequest>.Failure(located);
    }
}
