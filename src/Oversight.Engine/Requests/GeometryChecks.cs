using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Oversight.Requests;

/// <summary>Checks that a lon/lat geometry is a usable request area, naming every problem.</summary>
internal static class GeometryChecks
{
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
