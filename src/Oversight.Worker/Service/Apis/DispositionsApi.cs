using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Reports;
using Oversight.Requests;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary>
/// <c>/v1/findings/{id}/dispositions</c>: what auditors decided about a finding — acknowledged,
/// referred, expected (dismissed as expected) or confirmed-violation — with a note, who and when.
/// Appended, never overwritten; reports show each finding's latest.
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

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, NotFound<ProblemDetails>>> AddAsync(
        string id, HttpRequest http, ClaimsPrincipal user, GateService gate, IOptions<ServiceOptions> options, TimeProvider time, CancellationToken cancellationToken)
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

        var problems = new List<InputProblem>();
        if (!FindingDisposition.TryParse(input?.Disposition, out var kind))
        {
            problems.Add(new InputProblem("$.disposition", $"required: one of {string.Join(", ", FindingDisposition.Names)}"));
        }

        var note = string.IsNullOrWhiteSpace(input?.Note) ? null : input.Note.Trim();
        if (note is { Length: > FindingDisposition.MaxNote })
        {
            problems.Add(new InputProblem("$.note", $"at most {FindingDisposition.MaxNote} characters"));
        }

        if (problems.Count > 0)
        {
            return Problems.Invalid(problems);
        }

        await using var db = gate.Database.CreateContext();
        if (!await db.Findings.AnyAsync(f => f.Id == id, cancellationToken))
        {
            return Missing(id);
        }

        db.FindingDispositions.Add(new FindingDispositionRecord
        {
            FindingId = id,
            Disposition = FindingDisposition.KindName(kind),
            Note = note,
            By = user.Identity?.Name ?? "unknown",
            AtTicks = time.GetUtcNow().UtcTicks,
        });
        await db.SaveChangesAsync(cancellationToken);
        http.HttpContext.Response.Headers.Location = $"/v1/findings/{id}/dispositions";
        return TypedResults.Content(await DescribeAsync(db, id, cancellationToken), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> ListAsync(string id, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var known = await db.Findings.AnyAsync(f => f.Id == id, cancellationToken) || await db.FindingDispositions.AnyAsync(d => d.FindingId == id, cancellationToken);
        return known ? TypedResults.Content(await DescribeAsync(db, id, cancellationToken), "application/json") : Missing(id);
    }

    /// <summary>Every disposition on record for the findings, for a report.</summary>
    public static async Task<List<FindingDisposition>> LoadAsync(OversightDbContext db, IReadOnlyCollection<string> findings, CancellationToken cancellationToken)
    {
        var records = await db.FindingDispositions.AsNoTracking().Where(d => findings.Contains(d.FindingId)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        return [.. records.Select(From)];
    }

    private static FindingDisposition From(FindingDispositionRecord r)
    {
        FindingDisposition.TryParse(r.Disposition, out var kind);
        return new FindingDisposition(r.FindingId, kind, r.Note, r.By, new DateTimeOffset(r.AtTicks, TimeSpan.Zero));
    }

    private static async Task<string> DescribeAsync(OversightDbContext db, string id, CancellationToken cancellationToken)
    {
        var all = await LoadAsync(db, [id], cancellationToken);
        return JsonText.Write(writer =>
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
    }

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

    private static NotFound<ProblemDetails> Missing(string id) =>
        TypedResults.NotFound(new ProblemDetails { Title = $"No finding {id}", Detail = "Nothing was recorded. Finding ids are listed at GET /v1/findings.", Status = StatusCodes.Status404NotFound });
}
