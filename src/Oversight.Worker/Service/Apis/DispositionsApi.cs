using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Oversight.Reports;
using Oversight.Requests;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary>
/// <c>/v1/findings/{id}/dispositions</c>: what auditors decided about a finding — acknowledged,
/// referred, expected (dismissed as expected) or confirmed-violation — with a note, who and when.
/// Appended, never overwritten; reports show each finding's latest. The work is <see cref="FindingService"/>'s.
/// </summary>
internal static class DispositionsApi
{
    public static RouteGroupBuilder MapDispositionsApi(this RouteGroupBuilder v1)
    {
        var dispositions = v1.MapGroup("/findings/{id}/dispositions").WithTags("Findings").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin));
        dispositions.MapPost("/", AddAsync).WithSummary("Record a disposition of a finding (appended; the latest counts)");
        dispositions.MapGet("/", ListAsync).WithSummary("A finding's dispositions, oldest first, and the latest");
        return v1;
    }

    /// <summary>The body: the disposition and an optional note.</summary>
    internal sealed record DispositionBody(string? Disposition, string? Note);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> AddAsync(
        string id, HttpRequest http, ClaimsPrincipal user, FindingService findings, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var (body, bodyProblem) = await Bodies.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        DispositionBody? input;
        try
        {
            input = JsonSerializer.Deserialize<DispositionBody>(body, new JsonSerializerOptions(Bodies.JsonOptions) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow });
        }
        catch (JsonException e)
        {
            return Problems.Invalid([new InputProblem(e.Path ?? string.Empty, "malformed JSON or an unknown field: " + e.Message)]);
        }
        catch (InvalidOperationException e)
        {
            return Problems.Invalid([new InputProblem(string.Empty, "malformed JSON: " + e.Message)]);
        }

        var answer = await findings.DisposeAsync(id, input?.Disposition, input?.Note, user, cancellationToken);
        if (!answer.Succeeded)
        {
            return Problems.From(answer.Problem, http.HttpContext);
        }

        http.HttpContext.Response.Headers.Location = $"/v1/findings/{id}/dispositions";
        return TypedResults.Content(Describe(id, answer.Value), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ListAsync(string id, HttpContext http, FindingService findings, CancellationToken cancellationToken)
    {
        var all = await findings.DispositionsAsync(id, cancellationToken);
        return all is null
            ? Problems.From(ServiceProblem.NotFound($"No finding {id}", "Nothing was recorded. Finding ids are listed at GET /v1/findings."), http)
            : TypedResults.Content(Describe(id, all), "application/json");
    }

    private static string Describe(string id, IReadOnlyList<FindingDisposition> all) =>
        JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("findingId", id);
            writer.WritePropertyName("latest");
            if (all.Count == 0)
            {
                writer.WriteNullValue();
            }
            else
            {
                Write(writer, all[^1]);
            }

            writer.WriteStartArray("dispositions");
            foreach (var d in all)
            {
                Write(writer, d);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void Write(Utf8JsonWriter writer, FindingDisposition d)
    {
        writer.WriteStartObject();
        writer.WriteString("disposition", d.Name);
        if (d.Note is { } note)
        {
            writer.WriteString("note", note);
        }

        writer.WriteString("by", d.By);
        writer.WriteString("at", d.At);
        writer.WriteEndObject();
    }
}
