using NetTopologySuite.Geometries;
using Oversight.Geo;
using Oversight.Requests;

namespace Oversight.Tests.Support;

/// <summary>Builds valid requests for tests: a small square in Rochester, a 4-hour window ending an hour before submission.</summary>
internal sealed class RequestBuilder
{
    public static readonly DateTimeOffset Noon = new(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);

    private static int counter;

    private string id = $"r-{Interlocked.Increment(ref counter)}";
    private string agency = "rochester-mn-pd";
    private string requester = "badge-1";
    private string? caseNumber = "RPD-2026-00001";
    private string? incidentType = "burglary";
    private string? description = "Residential burglary, suspect fled on foot northbound";
    private LegalBasis basis = LegalBasis.Consent;
    private DateTimeOffset submitted = Noon;
    private DateTimeOffset? start;
    private DateTimeOffset? end;
    private RequestArea area = RequestArea.FromGeometry(Square(-92.466, 44.020, 0.004));

    public static RequestBuilder At(DateTimeOffset submittedAt) => new() { submitted = submittedAt };

    public static RequestBuilder Default() => new();

    public RequestBuilder Id(string value) { id = value; return this; }
    public RequestBuilder Agency(string value) { agency = value; return this; }
    public RequestBuilder Requester(string value) { requester = value; return this; }
    public RequestBuilder Case(string? value) { caseNumber = value; return this; }
    public RequestBuilder Incident(string? value) { incidentType = value; return this; }
    public RequestBuilder Description(string? value) { description = value; return this; }
    public RequestBuilder Basis(LegalBasis value) { basis = value; return this; }

    public RequestBuilder Window(DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        start = windowStart;
        end = windowEnd;
        return this;
    }

    /// <summary>A window of the given length ending one hour before submission.</summary>
    public RequestBuilder WindowHours(double hours)
    {
        end = submitted.AddHours(-1);
        start = end.Value.AddHours(-hours);
        return this;
    }

    public RequestBuilder Area(Geometry geometry) { area = RequestArea.FromGeometry(geometry); return this; }
    public RequestBuilder Circle(double lat, double lon, double radiusMetres) { area = RequestArea.FromCircle(lat, lon, radiusMetres); return this; }

    public FootageRequest Build()
    {
        var windowEnd = end ?? submitted.AddHours(-1);
        var windowStart = start ?? windowEnd.AddHours(-4);
        return new FootageRequest
        {
            Id = id,
            Agency = agency,
            Requester = requester,
            CaseNumber = caseNumber,
            IncidentType = incidentType,
            Description = description,
            LegalBasis = basis,
            SubmittedAt = submitted,
            Window = new TimeWindow(windowStart, windowEnd),
            Area = area,
        };
    }

    /// <summary>An axis-aligned square in lon/lat with its lower-left corner at (lon, lat).</summary>
    public static Polygon Square(double lon, double lat, double side) => Rectangle(lon, lat, lon + side, lat + side);

    public static Polygon Rectangle(double minLon, double minLat, double maxLon, double maxLat) =>
        Geometries.Factory.CreatePolygon(
        [
            new(minLon, minLat), new(maxLon, minLat), new(maxLon, maxLat), new(minLon, maxLat), new(minLon, minLat),
        ]);
}
