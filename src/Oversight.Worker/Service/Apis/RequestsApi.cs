using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Oversight.Gate;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/requests</c>: check (dry run), submit (gate and record), read back. The work is <see cref="RequestService"/>'s.</summary>
/// <remarks>
/// An agency key sees only its own agency's entries, and their places among its own entries
/// (<c>agencySequence</c>), never their places in the whole log, which would tell it how many
/// requests other agencies made. Request ids are unique per agency.
/// </remarks>
internal static class RequestsApi
{
    public static RouteGroupBuilder MapRequestsApi(this RouteGroupBuilder v1)
    {
        var requests = v1.MapGroup("/requests").WithTags("Requests");
        requests.MapPost("/check", CheckAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("Gate a request without recording it (dry run)");
        requests.MapPost("/", SubmitAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Admin))
            .WithSummary("Gate a request and record it and its decision in the log");
        requests.MapGet("/{id}", GetAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("A recorded request and its decision (?agency= when several agencies used the id)");
        requests.MapGet("/{id}/receipt", ReceiptAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("The recorded request's receipt: its leaf, a signed checkpoint, and the inclusion proof between them (?treeSize= for a given checkpoint)");
        requests.MapGet("/", ListAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("Recorded decisions, newest first; filter by agency, decision, violated rule and period");
        return v1;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckAsync(
        HttpRequest http, ClaimsPrincipal user, RequestService requests, IOptions<ServiceOptions> options, string? policy, CancellationToken cancellationToken)
    {
        var (body, bodyProblem) = await Bodies.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var answer = await requests.CheckAsync(user, body, policy, cancellationToken);
        return answer.Succeeded
            ? TypedResults.Content(DecisionJson.ToJson(answer.Value), "application/json", statusCode: StatusCodes.Status200OK)
            : Problems.From(answer.Problem, http.HttpContext);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> SubmitAsync(
        HttpRequest http, ClaimsPrincipal user, RequestService requests, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var (body, bodyProblem) = await Bodies.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var answer = await requests.SubmitAsync(user, body, cancellationToken);
        if (!answer.Succeeded)
        {
            return Problems.From(answer.Problem, http.HttpContext);
        }

        var recorded = answer.Value;
        http.HttpContext.Response.Headers.Location = recorded.Location;
        return TypedResults.Content(WithReceipt(DecisionJson.ToJson(recorded.Decision), recorded.Submission, recorded.Location), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string id, string? agency, HttpContext http, ClaimsPrincipal user, RequestService requests, CancellationToken cancellationToken)
    {
        var answer = await requests.FindAsync(user, id, agency, cancellationToken);
        return answer.Succeeded
            ? TypedResults.Content(RequestService.Describe(answer.Value, user), "application/json")
            : Problems.From(answer.Problem, http);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiptAsync(
        string id, string? agency, long? treeSize, HttpContext http, ClaimsPrincipal user, RequestService requests, CancellationToken cancellationToken)
    {
        var found = await requests.FindAsync(user, id, agency, cancellationToken);
        if (!found.Succeeded)
        {
            return Problems.From(found.Problem, http);
        }

        var receipt = await requests.ReceiptAsync(found.Value, treeSize, cancellationToken);
        return receipt.Succeeded ? TypedResults.Content(receipt.Value, "application/json") : Problems.From(receipt.Problem, http);
    }

    /// <summary>The decision JSON with the receipt's first part added: the entry's place in the log and its leaf hash.</summary>
    private static string WithReceipt(string decisionJson, Submission submission, string location)
    {
        var query = location.IndexOf('?', StringComparison.Ordinal);
        var proof = query < 0 ? location + "/receipt" : location[..query] + "/receipt" + location[query..];
        var receipt = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("leafIndex", submission.Sequence - 1);
            w.WriteString("leafHash", Convert.ToBase64String(submission.LeafHash!));
            w.WriteString("proof", proof);
            w.WriteEndObject();
        }, plain: true);
        return $"{decisionJson[..^1]},\"receipt\":{receipt}}}";
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ListAsync(
        HttpContext http, ClaimsPrincipal user, RequestService requests, string? agency, string? decision, string? rule, string? period, int? limit, long? before, CancellationToken cancellationToken)
    {
        var answer = await requests.ListAsync(user, new RequestQuery(agency, decision, rule, period, limit, before), cancellationToken);
        if (!answer.Succeeded)
        {
            return Problems.From(answer.Problem, http);
        }

        var list = answer.Value;
        var next = list.Next is { } cursor ? cursor.ToString(CultureInfo.InvariantCulture) : "null";
        var items = string.Join(',', list.Items.Select(r => r.Entry.DecisionJson));
        return TypedResults.Content($$"""{"items":[{{items}}],"next":{{next}},"total":{{list.Total}}}""", "application/json");
    }
}
