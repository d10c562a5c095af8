using Microsoft.AspNetCore.Http.HttpResults;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/policies</c>: what is loaded and which policy gates submissions.</summary>
internal static class PoliciesApi
{
    public static RouteGroupBuilder MapPoliciesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/policies", List).WithTags("Policies").RequireAuthorization()
            .WithSummary("Loaded policies, the active one, and files refused at the last reload");
        return v1;
    }

    private static Ok<PolicyList> List(PolicyStore store)
    {
        var active = store.ActiveId;
        var policies = store.All.Values.OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new PolicySummary(p.Id, p.Version, p.Title, p.Effective?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.TimeZone.Id, p.Sha256, p.Rules.Count, p.Id == active))
            .ToList();
        var refused = store.Refused.Select(r => new RefusedPolicy(Path.GetFileName(r.Key), r.Value.Select(p => p.ToString()).ToList())).ToList();
        return TypedResults.Ok(new PolicyList(active, policies, refused));
    }

    internal sealed record PolicySummary(string Id, string Version, string? Title, string? Effective, string TimeZone, string Sha256, int Rules, bool Active);

    internal sealed record RefusedPolicy(string File, IReadOnlyList<string> Problems);

    internal sealed record PolicyList(string Active, IReadOnlyList<PolicySummary> Policies, IReadOnlyList<RefusedPolicy> Refused);
}
