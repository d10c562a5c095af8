using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Requests;
using Oversight.Storage;

namespace Oversight.Worker.Service.Apis;

/// <summary>
/// <c>/v1/reports/notes/{period}</c>: the staff notes for a period (the same YAML as
/// <c>oversight report --notes</c>). Every version is kept; reports use the latest.
/// </summary>
internal static class ReportNotesApi
{
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> PutAsync(
        string period, HttpRequest http, ClaimsPrincipal user, GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ReportingPeriod.TryParse(period, policies.Active.TimeZone, out var parsed, out var error))
        {
            return Problems.Invalid([new InputProblem("period", error)]);
        }

        var (yaml, bodyProblem) = await Bodies.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (yaml is null)
        {
            return bodyProblem!;
        }

        var notes = ReportNotes.Parse(yaml, $"notes for {parsed.Name}", out var problems);
        if (notes?.Period is { } named && !string.Equals(named, parsed.Name, StringComparison.OrdinalIgnoreCase))
        {
            problems = [new PolicyProblem($"notes for {parsed.Name}", 1, 1, $"these notes say they are for {named}")];
            notes = null;
        }

        if (notes is null)
        {
            return Problems.Invalid(problems.Select(p => new InputProblem(string.Empty, p.Message, p.Line, p.Column)));
        }

        await using var db = gate.Database.CreateContext();
        db.ReportNotes.Add(new ReportNotesRecord
        {
            Period = parsed.Name,
            Yaml = yaml,
            Sha256 = notes.Sha256,
            By = user.Identity?.Name ?? "unknown",
            AtTicks = time.GetUtcNow().UtcTicks,
        });
        await db.SaveChangesAsync(cancellationToken);
        var body = JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("period", parsed.Name);
            writer.WriteString("sha256", notes.Sha256);
            writer.WriteStartArray("topics");
            foreach (var key in notes.Items.Keys.Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        return TypedResults.Content(body, "application/json", statusCode: StatusCodes.Status201Created);
    }

    public static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> GetAsync(string period, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var yaml = await LatestAsync(db, period, cancellationToken);
        return yaml is null
            ? TypedResults.NotFound(new ProblemDetails { Title = $"No notes for {period}", Status = StatusCodes.Status404NotFound })
            : TypedResults.Content(yaml.Yaml, "application/yaml; charset=utf-8");
    }

    /// <summary>The latest notes stored for a period, or null.</summary>
    public static Task<ReportNotesRecord?> LatestAsync(OversightDbContext db, string period, CancellationToken cancellationToken) =>
        db.ReportNotes.AsNoTracking().Where(n => n.Period == period).OrderByDescending(n => n.Id).FirstOrDefaultAsync(cancellationToken);
}
