using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Oversight.Requests;

/// <summary>Checks that a lon/lat geometry is a usable request area, naming every problem.</summary>
internal static class GeometryChecks
{
    /// <summary>
    /// Counts and measures before anything costly: vertices, parts, latitude and extent, each from
    /// the coordinates alone (linear in their number). False when the area is beyond the limits;
    /// it is then not validated further.
    /// </summary>
    public static bool WithinLimits(Geometry geometry, string path, RequestLimits limits, List<InputProblem> problems)
    {
        var before = problems.Count;
        var parts = geometry.NumGeometries;
        if (parts > limits.MaxParts)
        {
            problems.Add(new InputProblem(path, $"the area has {parts:N0} parts, more than the {limits.MaxParts:N0} allowed (limits.maxParts)"));
        }

        var vertices = geometry.NumPoints;
        if (vertices > limits.MaxVertices)
        {
            problems.Add(new InputProblem(path, $"the area has {vertices:N0} vertices, more than the {limits.MaxVertices:N0} allowed (limits.maxVertices)"));
        }

        var envelope = geometry.EnvelopeInternal;
        if (envelope.IsNull || !double.IsFinite(envelope.Width) || !double.IsFinite(envelope.Height))
        {
            return problems.Count == before;
        }

        if (Math.Max(Math.Abs(envelope.MinY), Math.Abs(envelope.MaxY)) > limits.MaxLatitude)
        {
            var north = Math.Abs(envelope.MaxY) >= Math.Abs(envelope.MinY);
            problems.Add(new InputProblem(path, $"the area reaches latitude {RequestDraft.Show(north ? envelope.MaxY : envelope.MinY)}; areas must lie between {limits.MaxLatitude:0}°S and {limits.MaxLatitude:0}°N"));
        }
        else if (envelope.Width > 180)
        {
            problems.Add(new InputProblem(path, $"the area spans {envelope.Width:0.#}° of longitude: an area crossing the antimeridian (180°) is not supported, and no area may be that wide"));
        }
        else if (ExtentKm(envelope) is var km && km > limits.MaxExtentKm)
        {
            var what = parts > 1 ? "its parts lie up to" : "it spans";
            problems.Add(new InputProblem(path, $"the area is too spread out: {what} {RequestDraft.Km(km)} km apart, more than the {RequestDraft.Km(limits.MaxExtentKm)} km allowed (limits.maxExtentKm)"));
        }

        return problems.Count == before;
    }

    /// <summary>
    /// The diagonal of a lon/lat bounding box in kilometres, with east-west distances taken at the
    /// box's latitude nearest the equator (where they are longest): no two points of the box are further apart.
    /// </summary>
    public static double ExtentKm(Envelope envelope)
    {
        var nearestEquator = envelope.MinY <= 0 && envelope.MaxY >= 0 ? 0 : Math.Min(Math.Abs(envelope.MinY), Math.Abs(envelope.MaxY));
        var northSouth = envelope.Height * 111.7;
        var eastWest = envelope.Width * 111.33 * Math.Cos(nearestEquator * Math.PI / 180);
        return Math.Sqrt((northSouth * northSouth) + (eastWest * eastWest));
    }

    public static void Validate(Geometry geometry, string path, List<InputProblem> problems)
    {
        if (geometry is not (Polygon or MultiPolygon))
        {
            problems.Add(new InputProblem(path, $"{geometry.GeometryType} is not an area; expected Polygon or MultiPolygon"));
            return;
        }

        var rangeOk = true;
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
            {
                problems.Add(new InputProblem(path, $"coordinate ({RequestDraft.Show(c.X)}, {RequestDraft.Show(c.Y)}) is not a finite longitude in [-180, 180] and latitude in [-90, 90]"));
                rangeOk = false;
            }
        }

        if (!rangeOk)
        {
            return;
        }

        var validator = new IsValidOp(geometry);
        if (!validator.IsValid)
        {
            var error = validator.ValidationError;
            var at = error.Coordinate is { } c ? $" at ({RequestDraft.Show(c.X)}, {RequestDraft.Show(c.Y)})" : string.Empty;
            problems.Add(new InputProblem(path, $"invalid polygon: {Describe(error.ErrorType, error.Message)}{at}"));
        }
        else if (geometry.Area <= 0)
        {
            problems.Add(new InputProblem(path, "polygon has no area"));
        }
    }

    private static string Describe(TopologyValidationErrors type, string message) => type switch
    {
        TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection => "self-intersection",
        TopologyValidationErrors.RingNotClosed => "ring is not closed",
        TopologyValidationErrors.TooFewPoints => "ring has fewer than 4 positions",
        _ => message.ToLowerInvariant(),
    };
}
