using System.Globalization;
using System.Text;
using System.Text.Json;
using Oversight.Requests;
using Oversight.Worker.Web.Shared;

namespace Oversight.Worker.Web.Check;

/// <summary>
/// The pre-check form as typed: every field of a request, the window in the policy's local time and
/// the area either as GeoJSON (drawn or pasted) or as a circle. <see cref="ToJson"/> turns it into
/// the request JSON the API takes (check.js builds the same in the browser); the API's validation
/// then judges it, so the form and the API report the same problems.
/// </summary>
public sealed class CheckInput
{
    public string? Id { get; set; }

    public string? Agency { get; set; }

    public string? Requester { get; set; }

    public string? CaseNumber { get; set; }

    public string? IncidentType { get; set; }

    public string? Description { get; set; }

    public string? LegalBasis { get; set; }

    /// <summary>yyyy-MM-ddTHH:mm, local time in the policy's time zone (an HTML datetime-local value).</summary>
    public string? WindowStart { get; set; }

    public string? WindowEnd { get; set; }

    /// <summary>polygon or circle.</summary>
    public string? AreaKind { get; set; }

    public string? AreaGeoJson { get; set; }

    public string? Lat { get; set; }

    public string? Lon { get; set; }

    public string? Radius { get; set; }

    /// <summary>check or submit (the button pressed).</summary>
    public string? Action { get; set; }

    public bool IsCircle => string.Equals(AreaKind, "circle", StringComparison.Ordinal);

    /// <summary>
    /// The request JSON, made when <paramref name="now"/> is (the service decides when a request is
    /// made). Fields left empty are left out, so the API names them; what cannot be written as JSON
    /// at all (a date that is not one, GeoJSON that is not JSON) is added to <paramref name="errors"/>.
    /// </summary>
    public string? ToJson(string agency, TimeZoneInfo zone, DateTimeOffset now, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(errors);
        var start = Time(WindowStart, "windowStart", "start", zone, errors);
        var end = Time(WindowEnd, "windowEnd", "end", zone, errors);
        JsonElement? area = null;
        if (IsCircle)
        {
            Number(Lat, "lat", "latitude", errors);
            Number(Lon, "lon", "longitude", errors);
            Number(Radius, "radius", "radius", errors);
        }
        else if (!string.IsNullOrWhiteSpace(AreaGeoJson))
        {
            try
            {
                using var document = JsonDocument.Parse(AreaGeoJson);
                area = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                errors.Add("areaGeoJson", $"The area is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): draw it on the map, or paste a GeoJSON Polygon or MultiPolygon");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Text(w, "id", Id);
            w.WriteString("agency", agency);
            Text(w, "requester", Requester);
            Text(w, "caseNumber", CaseNumber);
            Text(w, "incidentType", IncidentType);
            Text(w, "description", Description);
            Text(w, "legalBasis", LegalBasis);
            w.WriteString("submittedAt", RequestJsonWriter.Time(now));
            w.WriteStartObject("window");
            if (start is { } s)
            {
                w.WriteString("start", RequestJsonWriter.Time(s));
            }

            if (end is { } e)
            {
                w.WriteString("end", RequestJsonWriter.Time(e));
            }

            w.WriteEndObject();
            if (IsCircle)
            {
                w.WriteStartObject("area");
                w.WriteStartObject("center");
                w.WriteNumber("lat", double.Parse(Lat!, CultureInfo.InvariantCulture));
                w.WriteNumber("lon", double.Parse(Lon!, CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteNumber("radiusMeters", double.Parse(Radius!, CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            else if (area is { } geometry)
            {
                w.WritePropertyName("area");
                geometry.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The form field an API problem is about, by its JSON path.</summary>
    public string FieldOf(InputProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var path = problem.Path ?? string.Empty;
        return path switch
        {
            "$.id" => "id",
            "$.agency" => "agency",
            "$.requester" => "requester",
            "$.caseNumber" => "caseNumber",
            "$.incidentType" => "incidentType",
            "$.description" => "description",
            "$.legalBasis" => "legalBasis-consent",
            "$.window.start" or "$.window" => "windowStart",
            "$.window.end" => "windowEnd",
            _ when path.StartsWith("$.area.center.lon", StringComparison.Ordinal) => "lon",
            _ when path.StartsWith("$.area.center", StringComparison.Ordinal) => "lat",
            _ when path.StartsWith("$.area.radiusMeters", StringComparison.Ordinal) => "radius",
            _ when path.StartsWith("$.area", StringComparison.Ordinal) => IsCircle ? "lat" : "areaGeoJson",
            _ => "check-form",
        };
    }

    private static DateTimeOffset? Time(string? text, string field, string which, TimeZoneInfo zone, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fff"];
        if (!DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add(field, $"Enter the window's {which} as a date and time, such as 2026-08-01T14:30");
            return null;
        }

        if (zone.IsInvalidTime(local))
        {
            errors.Add(field, $"The window's {which}, {text}, does not exist in {zone.Id}: the clocks go forward then");
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static void Number(string? text, string field, string what, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, $"Enter the circle's {what}");
        }
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(field, $"The circle's {what} must be a number, such as {(what == "radius" ? "250" : what == "latitude" ? "44.0234" : "-92.4630")}");
        }
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            w.WriteString(name, value);
        }
    }
}
