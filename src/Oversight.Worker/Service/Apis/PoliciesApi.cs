using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/policies</c>: what is loaded and which policy gates submissions; checking a candidate policy's text.</summary>
internal static class PoliciesApi
{
    public static RouteGroupBuilder MapPoliciesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/policies", List).WithTags("Policies").RequireAuthorization()
            .WithSummary("Loaded policies, the active one, and files refused at the last reload with their problems");
        v1.MapPost("/policies/validate", ValidateAsync).WithTags("Policies").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .WithSummary("Check a candidate policy's YAML (the body) without loading it: every problem with its line and column");
        return v1;
    }

    private static Ok<PolicyList> List(PolicyStore store) => TypedResults.Ok(Describe(store));

    /// <summary>What is loaded, which is active and what was refused: the list the API gives and the policies page shows.</summary>
    public static PolicyList Describe(PolicyStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var active = store.ActiveId ?? string.Empty;
        var policies = store.All.Values.OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new PolicySummary(
                p.Id, p.Version, p.Title, p.Effective?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.TimeZone.Id, p.Sha256, p.Rules.Count, p.Id == active,
                store.FileOf.TryGetValue(p.Id, out var file) && file.Length > 0 ? Path.GetFileName(file) : null,
                p.Id == active ? store.ActiveProblem : store.FileOf.TryGetValue(p.Id, out var f) && store.Refused.ContainsKey(f) ? "its file was refused (see refused); this is its last good version" : null))
            .ToList();
        var refused = store.Refused.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RefusedPolicy(Path.GetFileName(r.Key), r.Value.Select(p => (p with { File = Path.GetFileName(p.File) }).ToString()).ToList())).ToList();
        return new PolicyList(active, policies, refused);
    }

    private static async Task<Results<Ok<PolicyCheck>, ProblemHttpResult>> ValidateAsync(HttpRequest http, SimulationService simulations, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var (yaml, problem) = await Bodies.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (yaml is null)
        {
            return problem!;
        }

        var problems = simulations.Validate(yaml);
        return TypedResults.Ok(new PolicyCheck(problems.Count == 0, [.. problems.Select(p => new PolicyCheckProblem(p.Line, p.Column, p.Message))]));
    }

    /// <summary>
    /// One loaded policy. <c>File</c> is the file it was loaded from; <c>Problem</c> is set when this
    /// is a last good version, saying why the file's current content is not in force.
    /// </summary>
    internal sealed record PolicySummary(string Id, string Version, string? Title, string? Effective, string TimeZone, string Sha256, int Rules, bool Active, string? File, string? Problem);

    internal sealed record RefusedPolicy(string File, IReadOnlyList<string> Problems);

    internal sealed record PolicyList(string Active, IReadOnlyList<PolicySummary> Policies, IReadOnlyList<RefusedPolicy> Refused);

    /// <summary>What <c>POST /v1/policies/validate</c> answers: whether the text loads, and every problem.</summary>
    internal sealed record PolicyCheck(bool Valid, IReadOnlyList<PolicyCheckProblem> Problems);

    internal sealed record PolicyCheckProblem(int? Line, int? Column, string Message);
}
