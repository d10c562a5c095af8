using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using Oversight.Text;

namespace Oversight.Requests;

/// <summary>
/// Field values gathered from one record (JSON object or CSV row) before validation; shared by
/// every input format so that the same rules apply everywhere and every problem is collected.
/// </summary>
internal sealed partial class RequestDraft
{
    private readonly List<InputProblem> problems = [];

    public string? Id { get; set; }
    public string? Agency { get; set; }
    public string? Requester { get; set; }
    public string? CaseNumber { get; set; }
    public string? IncidentType { get; set; }
    public string? Description { get; set; }
    public LegalBasis LegalBasis { get; set; } = LegalBasis.Consent;
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? WindowStart { get; set; }
    public DateTimeOffset? WindowEnd { get; set; }
    public RequestArea? Area { get; set; }

    /// <summary>How large the area may be (vertices, parts, extent).</summary>
    public RequestLimits Limits { get; init; } = RequestLimits.Default;

    public string WindowPath { get; set; } = "$.window";
    public string WindowEndPath { get; set; } = "$.window.end";
    public string AreaPath { get; set; } = "$.area";

    /// <summary>True once a problem has been found with the area, so that it is not also reported missing.</summary>
    public bool AreaFailed { get; set; }
    public bool WindowFailed { get; set; }
    public bool SubmittedAtFailed { get; set; }

    /// <summary>Fields already reported (wrong type), so that they are not also reported missing.</summary>
    public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<InputProblem> Problems => problems;

    public void Problem(string path, string message, int? line = null, int? column = null) =>
        problems.Add(new InputProblem(path, message, line, column));

    /// <summary>Parses an RFC 3339 timestamp that carries an offset (Z or ±hh:mm).</summary>
    public DateTimeOffset? Time(string? text, string path, int? line = null, int? column = null)
    {
        if (Timestamps.TryParse(text, out var value, out var error))
        {
            return value;
        }

        Problem(path, error, line, column);
        return null;
    }

    /// <inheritdoc cref="Timestamps.FirstYear"/>
    public const int FirstYear = Timestamps.FirstYear;

    /// <inheritdoc cref="Timestamps.LastYear"/>
    public const int LastYear = Timestamps.LastYear;

    public void Basis(string? text, string path, int? line = null, int? column = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (LegalBasisNames.TryParse(text.Trim(), out var basis))
        {
            LegalBasis = basis;
        }
        else
        {
            Problem(path, $"unknown legalBasis '{text}'; expected one of {string.Join(", ", LegalBasisNames.All)}", line, column);
        }
    }

    public void Circle(double lat, double lon, double radius, string path, string centerPath, string radiusPath)
    {
        var ok = true;
        if (!double.IsFinite(lat) || lat is < -90 or > 90)
        {
            Problem(centerPath + ".lat", $"latitude {Show(lat)} is out of range [-90, 90]");
            ok = false;
        }

        if (!double.IsFinite(lon) || lon is < -180 or > 180)
        {
            Problem(centerPath + ".lon", $"longitude {Show(lon)} is out of range [-180, 180]");
            ok = false;
        }

        if (!double.IsFinite(radius) || radius <= 0)
        {
            Problem(radiusPath, $"radius {Show(radius)} m must be a positive number");
            ok = false;
        }
        else if (radius > MaxRadiusMetres)
        {
            Problem(radiusPath, $"radius {Show(radius)} m is larger than {MaxRadiusMetres / 1000:0} km");
            ok = false;
        }
        else if (2 * radius / 1000 > Limits.MaxExtentKm)
        {
            Problem(radiusPath, $"a circle of radius {Show(radius)} m is {Km(2 * radius / 1000)} km across, more than the {Km(Limits.MaxExtentKm)} km an area may span (limits.maxExtentKm)");
            ok = false;
        }

        if (ok && Math.Abs(lat) + (radius / MetresPerDegreeLatitude) > Limits.MaxLatitude)
        {
            Problem(centerPath + ".lat", $"the circle reaches beyond latitude {Limits.MaxLatitude:0}°{(lat < 0 ? "S" : "N")}; areas must lie between {Limits.MaxLatitude:0}°S and {Limits.MaxLatitude:0}°N");
            ok = false;
        }

        if (ok)
        {
            Area = RequestArea.FromCircle(lat, lon, radius);
        }
        else
        {
            AreaFailed = true;
        }

        _ = path;
    }

    /// <summary>Largest circle radius accepted; beyond it a polygon of 64 vertices is a poor circle.</summary>
    public const double MaxRadiusMetres = 200_000;

    /// <summary>Metres in a degree of latitude, rounded down: for bounds, where a little over is safe.</summary>
    internal const double MetresPerDegreeLatitude = 110_574;

    public void Geometry(Geometry geometry, string path)
    {
        var before = problems.Count;
        if (GeometryChecks.WithinLimits(geometry, path, Limits, problems))
        {
            GeometryChecks.Validate(geometry, path, problems);
        }

        if (problems.Count == before)
        {
            Area = RequestArea.FromGeometry(geometry);
        }
        else
        {
            AreaFailed = true;
        }
    }

    public ParseResult<FootageRequest> Build()
    {
        Required(Agency, "agency");
        Required(Requester, "requester");
        if (SubmittedAt is null && !SubmittedAtFailed)
        {
            Problem(PathOf("submittedAt"), "required field is missing");
        }

        if (WindowStart is { } start && WindowEnd is { } end && end <= start)
        {
            Problem(WindowEndPath, $"window ends ({RequestJsonWriter.Time(end)}) at or before it starts ({RequestJsonWriter.Time(start)})");
        }
        else if ((WindowStart is null || WindowEnd is null) && !WindowFailed)
        {
            Problem(WindowPath, "required field is missing");
        }

        if (Area is null && !AreaFailed)
        {
            Problem(AreaPath, "required field is missing");
        }

        if (problems.Count > 0)
        {
            return ParseResult<FootageRequest>.Failure(problems);
        }

        var request = new FootageRequest
        {
            Id = "pending",
            Agency = TextPool.Share(Agency!.Trim())!,
            Requester = TextPool.Share(Requester!.Trim())!,
            CaseNumber = Blank(CaseNumber),
            IncidentType = TextPool.Share(Blank(IncidentType)),
            Description = TextPool.Share(Description),
            LegalBasis = LegalBasis,
            SubmittedAt = SubmittedAt!.Value,
            Window = new TimeWindow(WindowStart!.Value, WindowEnd!.Value),
            Area = Area!,
        };
        return ParseResult<FootageRequest>.Success(request with { Id = Blank(Id) ?? DerivedId(request) });
    }

    /// <summary>Turns a field name into this record's way of naming it (a JSON path by default).</summary>
    public Func<string, string> PathOf { get; set; } = name => "$." + name;

    private void Required(string? value, string name)
    {
        if (Reported.Contains(name))
        {
            return;
        }

        if (value is null)
        {
            Problem(PathOf(name), "required field is missing");
        }
        else if (TextFold.IsBlank(value))
        {
            Problem(PathOf(name), "required field is blank");
        }
    }

    /// <summary>Null when nothing visible is left of the text (white space and invisible characters only), else the text trimmed.</summary>
    private static string? Blank(string? text) => TextFold.IsBlank(text) ? null : text!.Trim();

    /// <summary>A stable id for a request that came without one: the same request always gets the same id.</summary>
    private static string DerivedId(FootageRequest request)
    {
        var text = string.Join(
            '\u001f',
            request.Agency,
            request.Requester,
            request.CaseNumber,
            request.SubmittedAt.ToString("O", CultureInfo.InvariantCulture),
            request.Window.Start.ToString("O", CultureInfo.InvariantCulture),
            request.Window.End.ToString("O", CultureInfo.InvariantCulture),
            request.Area.Geometry.ToText());
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "req-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    internal static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Km(double km) => km.ToString(km < 10 ? "0.#" : "#,0", CultureInfo.InvariantCulture);
}
