namespace Oversight.Requests;

/// <summary>
/// How large a request's area may be as input, so that no request can make the gate's work
/// unbounded: vertices, parts, and how far apart its points may lie. Set in a policy's
/// <c>limits:</c> section; the defaults suit city-sized requests. A request beyond them is
/// invalid (400, exit status 2), never a decision.
/// </summary>
public sealed record RequestLimits
{
    /// <summary>The limits when a policy names none.</summary>
    public static readonly RequestLimits Default = new();

    /// <summary>Largest values a policy may set: beyond them the work per request is no longer small.</summary>
    public static readonly RequestLimits Ceiling = new() { MaxVertices = 10_000, MaxParts = 1_000, MaxExtentKm = 500 };

    /// <summary>
    /// For entries already in the decision log: they were checked when they were recorded, and
    /// are read back whatever the limits in force now (the history index bounds its own work per entry).
    /// </summary>
    public static readonly RequestLimits Stored = new()
    {
        MaxVertices = int.MaxValue, MaxParts = int.MaxValue, MaxExtentKm = double.PositiveInfinity, MaxLatitude = 90,
    };

    /// <summary>Latitude, north or south, beyond which no point of an area may lie: the engine's lon/lat geometry is for city-sized areas away from the poles.</summary>
    /// <value>85 degrees; not set by policies.</value>
    public double MaxLatitude { get; init; } = 85;

    /// <summary>Positions in all rings of the area together (a ring's closing repeat counts).</summary>
    /// <value>Default 1,000.</value>
    public int MaxVertices { get; init; } = 1_000;

    /// <summary>Polygons of a MultiPolygon.</summary>
    /// <value>Default 20.</value>
    public int MaxParts { get; init; } = 20;

    /// <summary>The diagonal of the area's bounding box, in kilometres: every point of the area lies within this distance of every other.</summary>
    /// <value>Default 25 km.</value>
    public double MaxExtentKm { get; init; } = 25;
}
