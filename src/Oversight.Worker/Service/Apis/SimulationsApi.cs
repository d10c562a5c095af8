using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/simulations</c>: replay the recorded history under a candidate policy.</summary>
internal static class SimulationsApi
{
    public static RouteGroupBuilder MapSimulationsApi(this RouteGroupBuilder v1)
    {
        var simulations = v1.MapGroup("/simulations").WithTags("Simulations").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin));
        simulations.MapPost("/", CreateAsync).WithSummary("Simulate a candidate policy over a period of the recorded history");
        simulations.MapGet("/{id}", GetAsync).WithSummary("A simulation's status and, when done, its result");
        return v1;
    }

    /// <summary>The body: the candidate policy's YAML, the period, and optionally the baseline policy's id (default: the active one).</summary>
    internal sealed record SimulationRequest(string? Candidate, string? Period, string? Baseline);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CreateAsync(
        HttpRequest http, GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, IBackgroundJobClient jobs, SimulationJob job, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, bodyProblem) = await Bodies.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        SimulationRequest? input;
        try
        {
            input = JsonSerializer.Deserialize<SimulationRequest>(body, Bodies.JsonOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Problems.Invalid([new InputProblem(string.Empty, "malformed JSON: " + e.Message)]);
        }

        var problems = new List<InputProblem>();
        var baseline = input?.Baseline is { } id ? policies.Find(id) : policies.Active;
        if (baseline is null)
        {
            problems.Add(new InputProblem("$.baseline", $"no policy '{input?.Baseline}' is loaded; loaded: {string.Join(", ", policies.All.Keys)}"));
        }

        if (string.IsNullOrWhiteSpace(input?.Candidate))
        {
            problems.Add(new InputProblem("$.candidate", "required: the candidate policy's YAML"));
        }
        else
        {
            var loaded = PolicyLoader.Load(input.Candidate, "candidate.yaml", Path.GetFullPath(options.Value.PoliciesDirectory));
            problems.AddRange(loaded.Problems.Select(p => new InputProblem("$.candidate", p.Message, p.Line, p.Column)));
        }

        ReportingPeriod? period = null;
        if (string.IsNullOrWhiteSpace(input?.Period))
        {
            problems.Add(new InputProblem("$.period", "required: a period such as 2026Q3, 2026-08 or 2026"));
        }
        else if (!ReportingPeriod.TryParse(input.Period, baseline?.TimeZone ?? TimeZoneInfo.Utc, out period, out var error))
        {
            problems.Add(new InputProblem("$.period", error));
        }

        if (problems.Count > 0)
        {
            return Problems.Invalid(problems);
        }

        await using var db = gate.Database.CreateContext();
        var count = gate.Entries(e => e.SubmittedAtTicks >= period!.Start.UtcTicks && e.SubmittedAtTicks < period.End.UtcTicks).Count;
        var record = new SimulationRecord
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Status = "queued",
            CreatedAtTicks = time.GetUtcNow().UtcTicks,
            BaselinePolicyId = baseline!.Id,
            CandidateYaml = input!.Candidate!,
            Period = period!.Name,
            FromTicks = period.Start.UtcTicks,
            ToTicks = period.End.UtcTicks,
            Requests = count,
        };
        db.Simulations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        var location = $"/v1/simulations/{record.Id}";
        http.HttpContext.Response.Headers.Location = location;
        if (count > options.Value.SimulationInlineLimit)
        {
            jobs.Enqueue<SimulationJob>(j => j.RunAsync(record.Id, CancellationToken.None));
            return TypedResults.Content(await DescribeAsync(gate, record.Id, cancellationToken), "application/json", statusCode: StatusCodes.Status202Accepted);
        }

        await job.RunAsync(record.Id, cancellationToken);
        return TypedResults.Content(await DescribeAsync(gate, record.Id, cancellationToken), "application/json", statusCode: StatusCodes.Status200OK);
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> GetAsync(string id, GateService gate, CancellationToken cancellationToken)
    {
        var body = await DescribeAsync(gate, id, cancellationToken);
        return body is null
            ? TypedResults.NotFound(new ProblemDetails { Title = $"No simulation {id}", Status = StatusCodes.Status404NotFound })
            : TypedResults.Content(body, "application/json");
    }

    private static async Task<string?> DescribeAsync(GateService gate, string id, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var s = await db.Simulations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (s is null)
        {
            return null;
        }

        return JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", s.Id);
            writer.WriteString("status", s.Status);
            writer.WriteString("period", s.Period);
            writer.WriteString("baseline", s.BaselinePolicyId);
            writer.WriteNumber("requests", s.Requests);
            writer.WriteString("createdAt", new DateTimeOffset(s.CreatedAtTicks, TimeSpan.Zero));
            if (s.FinishedAtTicks is { } finished)
            {
                writer.WriteString("finishedAt", new DateTimeOffset(finished, TimeSpan.Zero));
            }

            if (s.Error is { } error)
            {
                writer.WriteString("error", error);
            }

            if (s.ResultJson is { } result)
            {
                writer.WritePropertyName("result");
                writer.WriteRawValue(result, skipInputValidation: true);
            }

            writer.WriteEndObject();
        });
    }
}
