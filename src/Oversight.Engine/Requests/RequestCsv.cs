using System.Globalization;
using System.Text.Json;
using NetTopologySuite.IO;
using Oversight.Geo;

namespace Oversight.Requests;

/// <summary>
/// Reads requests from CSV: the request JSON's names as columns, <c>windowStart</c>/<c>windowEnd</c>,
/// and the area as <c>areaWkt</c>, <c>areaGeoJson</c>, or <c>lat</c>, <c>lon</c>, <c>radiusMeters</c>
/// (the full list, with aliases: <see cref="Layout"/> and docs/INPUT.md). The header is checked
/// before any row is read; problems in rows name their CSV line and column.
/// </summary>
public static class RequestCsv
{
    /// <summary>The footage-request columns, their aliases, and which are required.</summary>
    public static CsvLayout Layout { get; } = new(
        "footage-request",
        [
            new("id", ["requestId"], "the request's id; assigned from the request's content when absent"),
            new("agency", [], "the agency asking (required)"),
            new("requester", ["officer", "badge"], "who at the agency asks, e.g. a badge number (required)"),
            new("caseNumber", ["case"], "the agency's case number"),
            new("incidentType", ["incident"], "burglary, robbery, …"),
            new("description", [], "what happened, in words"),
            new("legalBasis", ["basis"], "consent (default), warrant or exigent"),
            new("submittedAt", ["submitted"], "when the request was made: RFC 3339 with an offset (required)"),
            new("windowStart", ["window.start"], "start of the footage window: RFC 3339 with an offset (required)"),
            new("windowEnd", ["window.end"], "end of the footage window, after its start (required)"),
            new("areaWkt", ["wkt", "area.wkt"], "the area as a WKT POLYGON or MULTIPOLYGON (lon lat)"),
            new("areaGeoJson", ["area", "geoJson", "area.geoJson"], "the area as a GeoJSON Polygon or MultiPolygon, or a circle object"),
            new("lat", ["latitude", "area.center.lat"], "a circle's centre latitude"),
            new("lon", ["lng", "longitude", "area.center.lon"], "a circle's centre longitude"),
            new("radiusMeters", ["area.radiusMeters", "radius_m"], "a circle's radius in metres"),
        ],
        ["agency", "requester", "submittedAt", "windowStart", "windowEnd"],
        [new CsvChoice("the area", [["areaWkt"], ["areaGeoJson"], ["lat", "lon", "radiusMeters"]])]);

    /// <summary>Reads every record; a header problem is reported once, on line 1, and ends the file.</summary>
    public static IEnumerable<RequestRecord> Read(TextReader reader, RequestLimits? limits = null)
    {
        var input = Open(reader, limits: limits);
        return input.Problems.Count > 0 ? [new RequestRecord(1, ParseResult<FootageRequest>.Failure(input.Problems))] : input.Records;
    }

    /// <summary>
    /// Reads and checks the header now, then the rows lazily. <paramref name="map"/> renames
    /// columns (header key → field, null to ignore; see <see cref="CsvLayout.ParseMap"/>);
    /// <paramref name="limits"/> bounds areas (default <see cref="RequestLimits.Default"/>).
    /// </summary>
    public static RequestInput Open(TextReader reader, IReadOnlyDictionary<string, string?>? map = null, RequestLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = CsvRows.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            rows.Dispose();
            return RequestInput.Failed([new InputProblem(string.Empty, "the file is empty: a CSV file starts with a header line naming its columns", 1)]);
        }

        var header = rows.Current;
        var (columns, problems) = Layout.Map(header.Fields, map);
        var all = problems.ToList();
        if (header.Error is { } error)
        {
            all.Insert(0, new InputProblem(string.Empty, error, header.Line));
        }

        if (header.Fields.Length == 1 && header.Fields[0].Contains(';', StringComparison.Ordinal))
        {
            all.Insert(0, new InputProblem(string.Empty, "the header has no commas but has semicolons: save the file as comma-separated CSV", 1));
        }

        if (all.Count > 0 || columns is null)
        {
            rows.Dispose();
            return RequestInput.Failed(all);
        }

        return RequestInput.Of(Rows(rows, columns, limits ?? RequestLimits.Default));
    }

    private static IEnumerable<PendingRecord> Rows(IEnumerator<CsvRow> rows, CsvColumns columns, RequestLimits limits)
    {
        using (rows)
        {
            while (rows.MoveNext())
            {
                var row = rows.Current;
                yield return row.Error is { } error
                    ? PendingRecord.Done(new RequestRecord(row.Line, ParseResult<FootageRequest>.Failure([new InputProblem(string.Empty, error, row.Line)])))
                    : new PendingRecord(row.Line, (row.Fields, columns, limits), static (state, line) =>
                    {
                        var (fields, columns, limits) = ((string[], CsvColumns, RequestLimits))state;
                        return ReadRow(fields, columns, line, limits);
                    });
            }
        }
    }

    private static ParseResult<FootageRequest> ReadRow(string[] fields, CsvColumns columns, int line, RequestLimits limits)
    {
        var width = columns.Header.Count;
        var draft = new RequestDraft
        {
            Limits = limits,
            PathOf = name => name,
            WindowPath = "windowStart",
            WindowEndPath = "windowEnd",
            AreaPath = columns.Has("areaWkt") ? "areaWkt" : columns.Has("areaGeoJson") ? "areaGeoJson" : "lat",
        };
        if (fields.Length != width)
        {
            draft.Problem(string.Empty, $"row has {fields.Length} fields; the header has {width}");
            return Locate(draft.Build(), columns, line);
        }

        string? Cell(string name) =>
            columns.Columns.TryGetValue(name, out var index) && !string.IsNullOrWhiteSpace(fields[index]) ? fields[index] : null;

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
    private static ParseResult<FootageRequest> Locate(ParseResult<FootageRequest> result, CsvColumns columns, int line)
    {
        if (result.Succeeded)
        {
            return result;
        }

        var located = result.Problems.Select(p =>
        {
            var name = p.Path.Split('.', '[')[0];
            name = name switch { "center" => "lat", _ => name };
            int? column = columns.Columns.TryGetValue(name, out var index) ? index + 1 : null;
            var path = p.Path.Length > 0 && columns.Has(name) ? columns.Describe(name) + p.Path[p.Path.Split('.', '[')[0].Length..] : p.Path;
            return p with { Path = path, Line = line, Column = p.Column ?? column };
        }).ToList();
        return ParseResult<FootageRequest>.Failure(located);
    }
}
