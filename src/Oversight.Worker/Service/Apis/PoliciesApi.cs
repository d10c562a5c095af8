using Microsoft.AspNetCore.Http.HttpResults;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/policies</c>: what is loaded, which policy gates submissions, and which files were refused.</summary>
internal static class PoliciesApi
{
    public static RouteGroupBuilder MapPoliciesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/policies", List).WithTags("Policies").RequireAuthorization()
            .WithSummary("Loaded policies, the active one, and files refused at the last reload with their problems");
        return v1;
    }

    private static Ok<PolicyList> List(PolicyStore store)
    {
        var active = store.ActiveId ?? string.Empty;
        var policies = store.All.Values.OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new PolicySummary(
                p.Id, p.Version, p.Title, p.Effective?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.TimeZone.Id, p.Sha256, p.Rules.Count, p.Id == active,
                store.FileOf.TryGetValue(p.Id, out var file) && file.Length > 0 ? Path.GetFileName(file) : null,
                p.Id == active ? store.ActiveProblem : store.FileOf.TryGetValue(p.Id, out var f) && store.Refused.ContainsKey(f) ? "its file was refused (see refused); this is its last good version" : null))
            .ToList();
        var refused = store.Refused.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RefusedPolicy(Path.GetFileName(r.Key), r.Value.Select(p => (p with { File = Path.GetFileName(p.File) }).ToString()).ToList())).ToList();
        return TypedResults.Ok(new PolicyList(active, policies, refused));
    }

    /// <summary>
    /// One loaded policy. <c>File</c> is the file it was loaded from; <c>Problem</c> is set when this
    /// is a last good version, saying why the file's current content is not in force.
    /// </summary>
    internal sealed record PolicySummary(string Id, string Version, string? Title, string? Effective, string TimeZone, string Sha256, int Rules, bool Active, string? File, string? Problem);

    internal sealed record RefusedPolicy(string File, IReadOnlyList<string> Problems);

    internal sealed record PolicyList(string Active, IReadOnlyList<PolicySummary> Policies, IReadOnlyList<RefusedPolicy> Refused);
}
