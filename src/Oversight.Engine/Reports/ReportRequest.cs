using Oversight.Log;
using Oversight.Gate;
using Oversight.Requests;

namespace Oversight.Reports;

/// <summary>
/// What the report needs of one gated request. Identifying fields (id, requester, case number)
/// appear only in internal reports.
/// </summary>
public sealed record ReportRequest(
    string Id,
    string Agency,
    string Requester,
    string? CaseNumber,
    LegalBasis LegalBasis,
    DateTimeOffset SubmittedAt,
    double WindowHours,
    double AreaSqMiles,
    double CentroidLon,
    double CentroidLat,
    DecisionOutcome Outcome,
    IReadOnlyList<string> Violated,
    string PolicyId,
    string PolicyVersion,
    string PolicySha256)
{
    /// <summary>The incident type as the agency gave it; null when none was given.</summary>
    public string? IncidentType { get; init; }

    /// <summary>The row for a decision made by the gate.</summary>
    public static ReportRequest From(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var request = decision.Request;
        var policy = decision.Policy;
        return From(request, decision.Outcome, [.. decision.Violated], policy.Id, policy.Version, policy.Sha256);
    }

    /// <summary>
    /// The row for an entry of the decision log: the request and the decision as recorded (the
    /// outcome, the rules it violated and the policy that decided it), never gated again. Null when
    /// the entry's request no longer reads.
    /// </summary>
    public static ReportRequest? FromEntry(LogEntryFields entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (RequestJson.Parse(entry.RequestJson, RequestLimits.Stored).Value is not { } request || !OutcomeNames.TryParse(entry.Outcome, out var outcome))
        {
            return null;
        }

        var violated = DecisionJson.Violated(entry.DecisionJson);
        return From(request, outcome, violated, entry.PolicyId, entry.PolicyVersion, entry.PolicySha256);
    }

    /// <summary>The row for a request and the decision recorded for it.</summary>
    public static ReportRequest From(FootageRequest request, DecisionOutcome outcome, IReadOnlyList<string> violated, string policyId, string policyVersion, string policySha256)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (lon, lat) = Centroid(request.Area);
        return new ReportRequest(
            request.Id, request.Agency, request.Requester, request.CaseNumber, request.LegalBasis, request.SubmittedAt,
            request.Window.Hours, request.Area.SquareMiles, lon, lat, outcome, violated, policyId, policyVersion, policySha256)
        {
            IncidentType = string.IsNullOrWhiteSpace(request.IncidentType) ? null : request.IncidentType.Trim(),
        };
    }

    private static (double Lon, double Lat) Centroid(RequestArea area)
    {
        if (area.Circle is { } circle)
        {
            return (circle.Lon, circle.Lat);
        }

        var centroid = area.Geometry.Centroid;
        return (centroid.X, centroid.Y);
    }
}
