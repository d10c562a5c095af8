using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using Oversight.Geo;

namespace Oversight.Reports;

/// <summary>
/// One area of a geography (a census tract): its id, a name people read, its shape in lon/lat,
/// and — when the file carries a <c>population</c> property — its residents (the 2020 Census P1 total).
/// </summary>
public sealed record GeographyArea(string Id, string Name, Geometry Shape, long? Population = null)
{
    /// <summary>A short label for the map: "16.01" for "Tract 16.01", else the name.</summary>
    public string Label => Name.StartsWith("Tract ", StringComparison.Ordinal) ? Name[6..] : Name;
}

/// <summary>
/// The areas requests are counted in (census tracts), read by <see cref="GeographyFile"/>.
/// A request belongs to the area that contains its area's centroid.
/// </summary>
public sealed class ReportGeography
{
    private readonly STRtree<int> index = new();
    private readonly IPreparedGeometry[] prepared;

    public ReportGeography(string source, IReadOnlyList<GeographyArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentOutOfRangeException.ThrowIfZero(areas.Count);
        Source = source;
        Areas = areas;
        prepared = [.. areas.Select(a => PreparedGeometryFactory.Prepare(a.Shape))];
        for (var i = 0; i < areas.Count; i++)
        {
            index.Insert(areas[i].Shape.EnvelopeInternal, i);
        }

        index.Build();
    }

    /// <summary>Where the areas came from (a file name), for the report's methods text.</summary>
    public string Source { get; }

    public IReadOnlyList<GeographyArea> Areas { get; }

    /// <summary>The index in <see cref="Areas"/> of the area containing the point, or −1 when none does.</summary>
    public int Locate(double lon, double lat)
    {
        var point = Geometries.Factory.CreatePoint(new Coordinate(lon, lat));
        var best = -1;
        foreach (var i in index.Query(new Envelope(lon, lon, lat, lat)))
        {
            // Shared edges: the lowest index wins, so every point has one answer.
            if ((best < 0 || i < best) && prepared[i].Covers(point))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>"Tract 16.01" from a census TRACTCE such as 001601.</summary>
    public static string TractName(string tractCode)
    {
        ArgumentNullException.ThrowIfNull(tractCode);
        if (tractCode.Length != 6 || !int.TryParse(tractCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return tractCode;
        }

        var whole = code / 100;
        var part = code % 100;
        return part == 0 ? $"Tract {whole}" : $"Tract {whole}.{part:00}";
    }
}
