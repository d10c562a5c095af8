using System.Text.Json;
using NetTopologySuite.Geometries;
using Oversight.Geo;

namespace Oversight.Requests;

/// <summary>Reads a request from its JSON form (see docs/API.md), reporting every problem with its JSON path.</summary>
public static class RequestJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private static readonly HashSet<string> TopLevel =
    [
        "id", "agency", "requester", "caseNumber", "incidentType", "description", "legalBasis",
        "submittedAt", "window", "area",
    ];

    /// <summary>Parses one JSON document holding one request object; the area must keep within <paramref name="limits"/> (default <see cref="RequestLimits.Default"/>).</summary>
    public static ParseResult<FootageRequest> Parse(string json, RequestLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return Read(document.RootElement, "$", limits);
        }
        catch (JsonException e)
        {
            return ParseResult<FootageRequest>.Failure([Malformed(e)]);
        }
    }

    internal static InputProblem Malformed(JsonException e)
    {
        // The parser's own message ends with its position; the problem carries it separately.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        message = cut > 0 ? message[..cut] : message;
        var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
        var column = e.BytePositionInLine is { } b ? (int)b + 1 : (int?)null;
        return new InputProblem(string.Empty, "malformed JSON: " + message.TrimEnd('.'), line, column);
    }

    /// <summary>Reads a request from a JSON element; <paramref name="path"/> prefixes every problem.</summary>
    public static ParseResult<FootageRequest> Read(JsonElement element, string path, RequestLimits? limits = null)
    {
        try
        {
            return ReadObject(element, path, limits);
        }
        catch (InvalidOperationException)
        {
            // The JSON reader accepts an escaped lone surrogate (\ud800) and fails only when the text is read.
            return ParseResult<FootageRequest>.Failure([new InputProblem(path, "a text holds an unpaired UTF-16 surrogate escape (such as \\ud800); texts must be valid Unicode")]);
        }
    }

    private static ParseResult<FootageRequest> ReadObject(JsonElement element, string path, RequestLimits? limits)
    {
        var draft = new RequestDraft
        {
            Limits = limits ?? RequestLimits.Default,
            PathOf = name => $"{path}.{name}",
            WindowPath = path + ".window",
            WindowEndPath = path + ".window.end",
            AreaPath = path + ".area",
        };
        if (element.ValueKind != JsonValueKind.Object)
        {
            draft.Problem(path, $"expected a request object, found {Kind(element)}");
            return ParseResult<FootageRequest>.Failure(draft.Problems);
        }

        // A repeated key anywhere would leave it to the parser which value counts: refuse it instead.
        if (RepeatedKeys(element, path, draft) > 0)
        {
            return ParseResult<FootageRequest>.Failure(draft.Problems);
        }

        foreach (var property in element.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";

            if (!TopLevel.Contains(property.Name))
            {
                draft.Problem(at, $"unknown field '{property.Name}'");
                continue;
            }

            ReadField(draft, property.Name, property.Value, at);
        }

        return draft.Build();
    }

    private static void ReadField(RequestDraft draft, string name, JsonElement value, string at)
    {
        switch (name)
        {
            case "window":
                ReadWindow(draft, value, at);
                return;
            case "area":
                ReadArea(draft, value, at);
                return;
        }

        if (value.ValueKind == JsonValueKind.Null && name is "caseNumber" or "incidentType" or "description" or "legalBasis" or "id")
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            draft.Problem(at, $"expected a string, found {Kind(value)}");
            draft.Reported.Add(name);
            if (name == "submittedAt")
            {
                draft.SubmittedAtFailed = true;
            }

            return;
        }

        var text = value.GetString();
        switch (name)
        {
            case "id": draft.Id = text; break;
            case "agency": draft.Agency = text; break;
            case "requester": draft.Requester = text; break;
            case "caseNumber": draft.CaseNumber = text; break;
            case "incidentType": draft.IncidentType = text; break;
            case "description": draft.Description = text; break;
            case "legalBasis": draft.Basis(text, at); break;
            case "submittedAt":
                draft.SubmittedAt = draft.Time(text, at);
                draft.SubmittedAtFailed = draft.SubmittedAt is null;
                break;
        }
    }

    private static void ReadWindow(RequestDraft draft, JsonElement value, string at)
    {
        draft.WindowFailed = true;
        if (value.ValueKind != JsonValueKind.Object)
        {
            draft.Problem(at, $"expected an object with start and end, found {Kind(value)}");
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name is not ("start" or "end"))
            {
                draft.Problem($"{at}.{property.Name}", $"unknown field '{property.Name}'");
            }
        }

        var start = Timestamp(draft, value, "start", at);
        var end = Timestamp(draft, value, "end", at);
        draft.WindowStart = start;
        draft.WindowEnd = end;
        draft.WindowFailed = start is null || end is null;
    }

    private static DateTimeOffset? Timestamp(RequestDraft draft, JsonElement parent, string name, string at)
    {
        var path = $"{at}.{name}";
        if (!parent.TryGetProperty(name, out var value))
        {
            draft.Problem(path, "required field is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            draft.Problem(path, $"expected a string, found {Kind(value)}");
            return null;
        }

        return draft.Time(value.GetString(), path);
    }

    internal static void ReadArea(RequestDraft draft, JsonElement value, string at)
    {
        draft.AreaFailed = true;
        if (value.ValueKind != JsonValueKind.Object)
        {
            draft.Problem(at, $"expected a GeoJSON Polygon or MultiPolygon or a circle, found {Kind(value)}");
            return;
        }

        if (value.TryGetProperty("center", out _) || value.TryGetProperty("radiusMeters", out _))
        {
            ReadCircle(draft, value, at);
            return;
        }

        if (!value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            draft.Problem(at + ".type", "an area needs a GeoJSON \"type\" (Polygon or MultiPolygon) or a circle's \"center\" and \"radiusMeters\"");
            return;
        }

        var before = draft.Problems.Count;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name is not ("type" or "coordinates" or "bbox" or "crs"))
            {
                draft.Problem($"{at}.{property.Name}", $"unknown field '{property.Name}'");
            }
        }

        var typeName = type.GetString();
        if (typeName is not ("Polygon" or "MultiPolygon"))
        {
            draft.Problem(at + ".type", $"'{typeName}' is not an area; expected Polygon or MultiPolygon (or a circle with center and radiusMeters)");
            return;
        }

        if (!value.TryGetProperty("coordinates", out var coordinates))
        {
            draft.Problem(at + ".coordinates", "required field is missing");
            return;
        }

        var path = at + ".coordinates";
        if (!WithinCounts(draft, coordinates, typeName == "MultiPolygon", at))
        {
            return;
        }

        Geometry? geometry = typeName == "Polygon"
            ? PolygonFrom(draft, coordinates, path)
            : MultiPolygonFrom(draft, coordinates, path);
        if (geometry is not null && draft.Problems.Count == before)
        {
            draft.Geometry(geometry, at);
        }
    }

    private static void ReadCircle(RequestDraft draft, JsonElement value, string at)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name is not ("center" or "radiusMeters"))
            {
                draft.Problem($"{at}.{property.Name}", $"unknown field '{property.Name}'");
            }
        }

        var ok = true;
        double lat = double.NaN, lon = double.NaN;
        if (!value.TryGetProperty("center", out var center) || center.ValueKind != JsonValueKind.Object)
        {
            draft.Problem(at + ".center", "a circle needs a center object with lat and lon");
            ok = false;
        }
        else
        {
            foreach (var property in center.EnumerateObject())
            {
                if (property.Name is not ("lat" or "lon"))
                {
                    draft.Problem($"{at}.center.{property.Name}", $"unknown field '{property.Name}'");
                    ok = false;
                }
            }

            ok &= Number(draft, center, "lat", at + ".center", out lat);
            ok &= Number(draft, center, "lon", at + ".center", out lon);
        }

        ok &= Number(draft, value, "radiusMeters", at, out var radius);
        if (ok)
        {
            draft.Circle(lat, lon, radius, at, at + ".center", at + ".radiusMeters");
        }
    }

    private static bool Number(RequestDraft draft, JsonElement parent, string name, string at, out double number)
    {
        number = double.NaN;
        if (!parent.TryGetProperty(name, out var value))
        {
            draft.Problem($"{at}.{name}", "required field is missing");
            return false;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out number))
        {
            draft.Problem($"{at}.{name}", $"expected a number, found {Kind(value)}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Counts parts and positions from the array lengths alone, before any coordinate is read, so
    /// that an area far beyond the limits costs no more than reading the body did.
    /// </summary>
    private static bool WithinCounts(RequestDraft draft, JsonElement coordinates, bool multi, string at)
    {
        if (coordinates.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var polygons = multi ? coordinates.EnumerateArray().ToList() : [coordinates];
        long positions = 0;
        foreach (var polygon in polygons)
        {
            if (polygon.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var ring in polygon.EnumerateArray())
            {
                positions += ring.ValueKind == JsonValueKind.Array ? ring.GetArrayLength() : 0;
            }
        }

        var limits = draft.Limits;
        var ok = true;
        if (polygons.Count > limits.MaxParts)
        {
            draft.Problem(at, $"the area has {polygons.Count:N0} parts, more than the {limits.MaxParts:N0} allowed (limits.maxParts)");
            ok = false;
        }

        if (positions > limits.MaxVertices)
        {
            draft.Problem(at, $"the area has {positions:N0} vertices, more than the {limits.MaxVertices:N0} allowed (limits.maxVertices)");
            ok = false;
        }

        return ok;
    }

    private static MultiPolygon? MultiPolygonFrom(RequestDraft draft, JsonElement coordinates, string path)
    {
        if (coordinates.ValueKind != JsonValueKind.Array || coordinates.GetArrayLength() == 0)
        {
            draft.Problem(path, "a MultiPolygon's coordinates are a non-empty array of polygons");
            return null;
        }

        var polygons = new List<Polygon>();
        var i = 0;
        foreach (var polygon in coordinates.EnumerateArray())
        {
            if (PolygonFrom(draft, polygon, $"{path}[{i}]") is { } p)
            {
                polygons.Add(p);
            }

            i++;
        }

        return polygons.Count == i ? Geometries.Factory.CreateMultiPolygon([.. polygons]) : null;
    }

    private static Polygon? PolygonFrom(RequestDraft draft, JsonElement coordinates, string path)
    {
        if (coordinates.ValueKind != JsonValueKind.Array || coordinates.GetArrayLength() == 0)
        {
            draft.Problem(path, "a Polygon's coordinates are a non-empty array of linear rings");
            return null;
        }

        var rings = new List<LinearRing>();
        var i = 0;
        foreach (var ring in coordinates.EnumerateArray())
        {
            if (RingFrom(draft, ring, $"{path}[{i}]") is { } r)
            {
                rings.Add(r);
            }

            i++;
        }

        return rings.Count == i ? Geometries.Factory.CreatePolygon(rings[0], [.. rings.Skip(1)]) : null;
    }

    private static LinearRing? RingFrom(RequestDraft draft, JsonElement ring, string path)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            draft.Problem(path, $"a linear ring is an array of positions, found {Kind(ring)}");
            return null;
        }

        var positions = new List<Coordinate>();
        var ok = true;
        var i = 0;
        foreach (var position in ring.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3)
            {
                draft.Problem(at, "a position is an array [longitude, latitude]");
                ok = false;
                continue;
            }

            var lon = Coordinate(draft, position[0], at + "[0]", 180, "longitude");
            var lat = Coordinate(draft, position[1], at + "[1]", 90, "latitude");
            if (lon is null || lat is null)
            {
                ok = false;
                continue;
            }

            positions.Add(new Coordinate(lon.Value, lat.Value));
        }

        if (!ok)
        {
            return null;
        }

        if (positions.Count < 4)
        {
            draft.Problem(path, $"a linear ring needs at least 4 positions, found {positions.Count}");
            return null;
        }

        if (!positions[0].Equals2D(positions[^1]))
        {
            draft.Problem(path, "ring is not closed: its first and last positions differ");
            return null;
        }

        return Geometries.Factory.CreateLinearRing([.. positions]);
    }

    private static double? Coordinate(RequestDraft draft, JsonElement value, string path, double bound, string what)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            draft.Problem(path, $"expected a number, found {Kind(value)}");
            return null;
        }

        if (!double.IsFinite(number) || number < -bound || number > bound)
        {
            draft.Problem(path, $"{what} {RequestDraft.Show(number)} is out of range [-{bound}, {bound}]");
            return null;
        }

        return number;
    }

    /// <summary>Reports every key that appears twice in one object, at any depth; returns how many.</summary>
    internal static int RepeatedKeys(JsonElement element, string path, RequestDraft draft) =>
        RepeatedKeys(element, path, (at, message) => draft.Problem(at, message));

    /// <summary>Reports every key that appears twice in one object, at any depth, to <paramref name="problem"/> (path, message); returns how many.</summary>
    internal static int RepeatedKeys(JsonElement element, string path, Action<string, string> problem)
    {
        var found = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var at = $"{path}.{property.Name}";
                    if (!seen.Add(property.Name))
                    {
                        problem(at, "field appears more than once");
                        found++;
                    }

                    found += RepeatedKeys(property.Value, at, problem);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    // Positions are arrays of numbers: nothing below them can repeat a key.
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        found += RepeatedKeys(item, $"{path}[{i}]", problem);
                    }

                    i++;
                }

                break;
        }

        return found;
    }

    internal static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
