using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Simulation;
using Oversight.Storage;
using Oversight.Worker.Service.Jobs;

namespace Oversight.Worker.Service;

/// <summary>
/// Candidate policies tried against the recorded history: checking a candidate's text, starting a
/// simulation (at once when small, else in the background) and reading it back. What
/// <c>/v1/simulations</c>, <c>/v1/policies/validate</c> and the console's simulation pages call.
/// </summary>
public sealed class SimulationService(GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, IBackgroundJobClient jobs, SimulationJob job, TimeProvider time)
{
    /// <summary>Every problem of a candidate policy's YAML, with its line and column; empty when it loads.</summary>
    public IReadOnlyList<InputProblem> Validate(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var loaded = PolicyLoader.Load(yaml, "candidate.yaml", Path.GetFullPath(options.Value.PoliciesDirectory));
        if (loaded.Policy is { Subject: PolicySubject.AlprSearches })
        {
            // The recorded history is footage requests; a search policy cannot judge them.
            return [new InputProblem("$.candidate", "the candidate audits ALPR searches (subject: alpr-searches); the recorded history is footage requests: use a policy of subject footage-requests, or oversight simulate on a Flock export", 1, 1)];
        }

        return [.. loaded.Problems.Select(p => new InputProblem("$.candidate", p.Message, p.Line, p.Column))];
    }

    /// <summary>
    /// Records a simulation of the candidate over a period of the log against the baseline (default
    /// the active policy) and runs it now when the period holds few requests, else queues it.
    /// </summary>
    public async Task<Answer<SimulationRecord>> CreateAsync(string? candidate, string? period, string? baselineId, CancellationToken cancellationToken)
    {
        var problems = new List<InputProblem>();
        var baseline = baselineId is { } id ? policies.Find(id) : policies.Active;
        if (baseline is null)
        {
            problems.Add(new InputProblem("$.baseline", $"no policy '{baselineId}' is loaded; loaded: {string.Join(", ", policies.All.Keys)}"));
        }

        if (string.IsNullOrWhiteSpace(candidate))
        {
            problems.Add(new InputProblem("$.candidate", "required: the candidate policy's YAML"));
        }
        else
        {
            problems.AddRange(Validate(candidate));
        }

        ReportingPeriod? range = null;
        if (string.IsNullOrWhiteSpace(period))
        {
            problems.Add(new InputProblem("$.period", "required: a period such as 2026Q3, 2026-08 or 2026"));
        }
        else if (!ReportingPeriod.TryParse(period, baseline?.TimeZone ?? TimeZoneInfo.Utc, out range, out var error))
        {
            problems.Add(new InputProblem("$.period", error));
        }

        if (problems.Count > 0)
        {
            return ServiceProblem.Invalid(problems);
        }

        await using var db = gate.Database.CreateContext();
        var count = gate.Entries(e => e.SubmittedAtTicks >= range!.Start.UtcTicks && e.SubmittedAtTicks < range.End.UtcTicks).Count;
        var record = new SimulationRecord
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Status = "queued",
            CreatedAtTicks = time.GetUtcNow().UtcTicks,
            BaselinePolicyId = baseline!.Id,
            CandidateYaml = candidate!,
            Period = range!.Name,
            FromTicks = range.Start.UtcTicks,
            ToTicks = range.End.UtcTicks,
            Requests = count,
        };
        db.Simulations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        if (count > options.Value.SimulationInlineLimit)
        {
            jobs.Enqueue<SimulationJob>(j => j.RunAsync(record.Id, CancellationToken.None));
            return record;
        }

        await job.RunAsync(record.Id, cancellationToken);
        return await FindAsync(record.Id, cancellationToken) ?? record;
    }

    public async Task<SimulationRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        return await db.Simulations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
    }

    /// <summary>The most recent simulations, newest first (the candidate's text left out).</summary>
    public async Task<IReadOnlyList<SimulationRecord>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        return await db.Simulations.AsNoTracking().OrderByDescending(s => s.CreatedAtTicks).Take(count)
            .Select(s => new SimulationRecord
            {
                Id = s.Id, Status = s.Status, CreatedAtTicks = s.CreatedAtTicks, FinishedAtTicks = s.FinishedAtTicks, BaselinePolicyId = s.BaselinePolicyId,
                CandidateYaml = string.Empty, Period = s.Period, Requests = s.Requests, Error = s.Error,
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>A finished simulation as a workbook (Summary, Changed, ByRule, ByAgency); null when there is none or it is not done.</summary>
    public async Task<byte[]?> WorkbookAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { Status: "done", ResultJson: { } json })
        {
            return null;
        }

        using var stream = new MemoryStream();
        SimulationWorkbook.Write(SimulationJson.Read(json), stream);
        return stream.ToArray();
    }

    /// <summary>The simulation as <c>GET /v1/simulations/{id}</c> gives it.</summary>
    public static string Describe(SimulationRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
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
                writer.WriteString("xlsx", $"/v1/simulations/{s.Id}.xlsx");
                writer.WritePropertyName("result");
                writer.WriteRawValue(result, skipInputValidation: true);
            }

            writer.WriteEndObject();
        });
    }
}
