using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Oversight.Requests;

/// <summary>Writes a request in its JSON form, the form <see cref="RequestJson"/> reads back.</summary>
public static class RequestJsonWriter
{
    public static void Write(Utf8JsonWriter writer, FootageRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.WriteStartObject();
        writer.WriteString("id", request.Id);
        writer.WriteString("agency", request.Agency);
        writer.WriteString("requester", request.Requester);
        WriteOptional(writer, "caseNumber", request.CaseNumber);
        WriteOptional(writer, "incidentType", request.IncidentType);
        WriteOptional(writer, "description", request.Description);
        writer.WriteString("legalBasis", request.LegalBasis.Name());
        writer.WriteString("submittedAt", Time(request.SubmittedAt));
        writer.WriteStartObject("window");
        writer.WriteString("start", Time(request.Window.Start));
        writer.WriteString("end", Time(request.Window.End));
        writer.WriteEndObject();
        writer.WritePropertyName("area");
        WriteArea(writer, request.Area);
        writer.WriteEndObject();
    }

    public static string ToJson(FootageRequest request) => JsonText.Write(w => Write(w, request));

    /// <summary>RFC 3339 with the offset the time carries; whole seconds unless it has a fraction.</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ssK" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture)
            .Replace("+00:00", "Z", StringComparison.Ordinal);

    public static void WriteArea(Utf8JsonWriter writer, RequestArea area)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(area);
        if (area.Circle is { } circle)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("center");
            writer.WriteNumber("lat", circle.Lat);
            writer.WriteNumber("lon", circle.Lon);
            writer.WriteEndObject();
            writer.WriteNumber("radiusMeters", circle.RadiusMetres);
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", area.Geometry.GeometryType);
        writer.WriteStartArray("coordinates");
        if (area.Geometry is Polygon polygon)
        {
            WritePolygon(writer, polygon);
        }
        else
        {
            for (var i = 0; i < area.Geometry.NumGeometries; i++)
            {
                writer.WriteStartArray();
                WritePolygon(writer, (Polygon)area.Geometry.GetGeometryN(i));
                writer.WriteEndArray();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon)
    {
        WriteRing(writer, polygon.ExteriorRing);
        foreach (var hole in polygon.InteriorRings)
        {
            WriteRing(writer, hole);
        }
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring)
    {
        writer.WriteStartArray();
        foreach (var c in ring.Coordinates)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(c.X);
            writer.WriteNumberValue(c.Y);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
