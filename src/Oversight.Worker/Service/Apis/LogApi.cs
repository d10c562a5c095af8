using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Log;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Log;

namespace Oversight.Worker.Service.Apis;

/// <summary>
/// <c>/v1/log</c>: the decision log as a transparency log. Checkpoints, the key, proofs and leaf
/// hashes are anonymous (they reveal only hashes); entry bytes are for auditors, and agencies get
/// only their own.
/// </summary>
internal static class LogApi
{
    /// <summary>Most leaves or entries one call returns.</summary>
    public const int MaxRange = 1000;

    public static RouteGroupBuilder MapLogApi(this RouteGroupBuilder v1)
    {
        var log = v1.MapGroup("/log").WithTags("Transparency log");
        log.MapGet("/checkpoint", CheckpointAsync).AllowAnonymous().WithSummary("The latest signed checkpoint (C2SP tlog-checkpoint note) with its witnesses' cosignatures");
        log.MapGet("/key", Key).AllowAnonymous().WithSummary("The log's verifier key (name+id+key)");
        log.MapGet("/proof/inclusion", Inclusion).AllowAnonymous().WithSummary("Inclusion proof of leaf index in the tree of treeSize leaves (RFC 9162)");
        log.MapGet("/proof/consistency", Consistency).AllowAnonymous().WithSummary("Consistency proof between tree sizes from and to (RFC 9162)");
        log.MapGet("/leaves", Leaves).AllowAnonymous().WithSummary("Leaf hashes of entries [start, end), base64");
        log.MapGet("/entries", EntriesAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("Entry bytes of [start, end), base64: every entry for auditors, an agency's own for an agency key");
        log.MapPost("/cosignatures", CosignAsync).AllowAnonymous().WithSummary("A witness's cosignature: the checkpoint note with the witness's signature line added");
        return v1;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckpointAsync(TransparencyLog log, CancellationToken cancellationToken)
    {
        if (log.Signer is null)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Checkpoints are not being signed", log.SignerProblem);
        }

        return await log.LatestAsync(cancellationToken) is { } note
            ? TypedResults.Text(note.ToString(), "text/plain; charset=utf-8")
            : Problems.Status(StatusCodes.Status503ServiceUnavailable, "No checkpoint has been signed yet", "The first is signed as the service starts; try again in a moment.");
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Key(TransparencyLog log) =>
        log.VerifierKey is { } key
            ? TypedResults.Text(key + "\n", "text/plain; charset=utf-8")
            : Problems.Status(StatusCodes.Status503ServiceUnavailable, "The log has no signing key", log.SignerProblem);

    private static Results<ContentHttpResult, ProblemHttpResult> Inclusion(TransparencyLog log, long? index, long? treeSize)
    {
        var size = log.Tree.Size;
        var problems = new List<Requests.InputProblem>();
        Require(problems, "index", index);
        Require(problems, "treeSize", treeSize);
        if (treeSize is { } n && (n < 1 || n > size))
        {
            problems.Add(new("treeSize", $"must be between 1 and the log's size, {size:N0}"));
        }

        if (index is { } i && treeSize is { } t && (i < 0 || i >= t))
        {
            problems.Add(new("index", $"must be at least 0 and less than treeSize ({t:N0})"));
        }

        if (problems.Count > 0)
        {
            return Problems.Invalid(problems);
        }

        var leaf = log.Tree.Leaf(index!.Value);
        var path = log.Tree.InclusionProof(index.Value, treeSize!.Value);
        return TypedResults.Content(JsonText.Write(w => ProofJson.WriteInclusion(w, index.Value, treeSize.Value, leaf, path), plain: true), "application/json");
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Consistency(TransparencyLog log, long? from, long? to)
    {
        var size = log.Tree.Size;
        var problems = new List<Requests.InputProblem>();
        Require(problems, "from", from);
        Require(problems, "to", to);
        if (to is { } t && (t < 0 || t > size))
        {
            problems.Add(new("to", $"must be between 0 and the log's size, {size:N0}"));
        }

        if (from is { } f && to is { } t2 && (f < 0 || f > t2))
        {
            problems.Add(new("from", $"must be between 0 and to ({t2:N0})"));
        }

        if (problems.Count > 0)
        {
            return Problems.Invalid(problems);
        }

        var proof = log.Tree.ConsistencyProof(from!.Value, to!.Value);
        return TypedResults.Content(JsonText.Write(w => ProofJson.WriteConsistency(w, from.Value, to.Value, proof), plain: true), "application/json");
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Leaves(TransparencyLog log, long? start, long? end)
    {
        if (Range(log, start, end) is { } problem)
        {
            return problem;
        }

        var body = JsonText.Write(
            w =>
            {
                w.WriteStartArray();
                for (var i = start!.Value; i < end!.Value; i++)
                {
                    w.WriteStringValue(Convert.ToBase64String(log.Tree.Leaf(i)));
                }

                w.WriteEndArray();
            },
            plain: true);
        return TypedResults.Content(body, "application/json");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> EntriesAsync(ClaimsPrincipal user, TransparencyLog log, GateService gate, long? start, long? end, CancellationToken cancellationToken)
    {
        if (Range(log, start, end) is { } problem)
        {
            return problem;
        }

        await using var db = gate.Database.CreateContext();
        var query = db.Decisions.AsNoTracking().Where(d => d.Sequence > start!.Value && d.Sequence <= end!.Value);
        if (user.AgencyOf() is { } agency)
        {
            query = query.Where(d => d.Agency == agency);
        }

        var rows = (await query.OrderBy(d => d.Sequence).ToListAsync(cancellationToken)).Where(r => gate.Verify(r) is not null).ToList();
        var body = JsonText.Write(w =>
        {
            w.WriteStartArray();
            foreach (var row in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("index", row.Sequence - 1);
                w.WriteString("entry", Convert.ToBase64String(LogRows.Entry(row)));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, plain: true);
        return TypedResults.Content(body, "application/json");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CosignAsync(HttpRequest http, TransparencyLog log, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await Bodies.ReadAsync(http, SignedNote.MaxBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        return await log.AcceptCosignatureAsync(body, cancellationToken) is { } error
            ? Problems.Invalid([new Requests.InputProblem(string.Empty, error)])
            : TypedResults.NoContent();
    }

    private static ProblemHttpResult? Range(TransparencyLog log, long? start, long? end)
    {
        var size = log.Tree.Size;
        var problems = new List<Requests.InputProblem>();
        Require(problems, "start", start);
        Require(problems, "end", end);
        if (start is { } s && end is { } e)
        {
            if (s < 0 || s > e)
            {
                problems.Add(new("start", $"must be between 0 and end ({e:N0})"));
            }

            if (e > size)
            {
                problems.Add(new("end", $"must be at most the log's size, {size:N0} (end is exclusive)"));
            }

            if (e - s > MaxRange)
            {
                problems.Add(new("end", $"at most {MaxRange:N0} at a time"));
            }
        }

        return problems.Count > 0 ? Problems.Invalid(problems) : null;
    }

    private static void Require(List<Requests.InputProblem> problems, string name, long? value)
    {
        if (value is null)
        {
            problems.Add(new(name, "required: a whole number"));
        }
    }
}
