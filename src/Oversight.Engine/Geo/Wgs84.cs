namespace Oversight.Geo;

/// <summary>The WGS84 ellipsoid and the authalic (equal-area) quantities derived from it.</summary>
public static class Wgs84
{
    /// <summary>Semi-major axis in metres.</summary>
    public const double A = 6378137.0;

    /// <summary>Flattening.</summary>
    public const double F = 1 / 298.257223563;

    /// <summary>First eccentricity squared.</summary>
    public static readonly double E2 = F * (2 - F);

    /// <summary>First eccentricity.</summary>
    public static readonly double E = Math.Sqrt(E2);

    /// <summary>q at the pole; the ellipsoid's area is 2πa²·q(90°).</summary>
    public static readonly double QPole = Q(1.0);

    /// <summary>Square metres in one international square mile.</summary>
    public const double SquareMetresPerSquareMile = 1609.344 * 1609.344;

    /// <summary>
    /// The authalic function q(φ) of sin φ: the Lambert cylindrical equal-area projection of
    /// the ellipsoid maps latitude φ to y = a·q(φ)/2, so planar areas there are ellipsoidal areas.
    /// </summary>
    public static double Q(double sinPhi)
    {
        var es = E * sinPhi;
        return (1 - E2) * ((sinPhi / (1 - (es * es))) - (1 / (2 * E) * Math.Log((1 - es) / (1 + es))));
    }

    /// <summary>Gaussian (mean curvature) radius √(MN) at a latitude, in metres.</summary>
    public static double GaussianRadius(double latitudeDegrees)
    {
        var s = Math.Sin(latitudeDegrees * Math.PI / 180);
        var w = 1 - (E2 * s * s);
        return A * Math.Sqrt(1 - E2) / w;
    }
}
