using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Oversight.Gate;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Simulation;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// Runs a recorded simulation by id. Reentrant: a finished simulation is left as it is; a run
/// that was interrupted is simply run again from its stored inputs.
/// </summary>
public sealed class SimulationJob(GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, TimeProvider time, ILogger<SimulationJob> logger)
{
    public async Task RunAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var record = await db.Simulations.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        await QueuedWork.RunAsync(db, record, "simulation", "the simulation could not be run because of an internal error; the service log has the details", async record =>
        {
            var baseline = policies.Find(record.BaselinePolicyId)
                ?? throw new InvalidOperationException($"the baseline policy '{record.BaselinePolicyId}' is no longer loaded");
            var candidate = PolicyLoader.Load(record.CandidateYaml, "candidate.yaml", Path.GetFullPath(options.Value.PoliciesDirectory)).Policy
                ?? throw new InvalidOperationException("the candidate policy no longer loads");

            // Earlier requests fill the quotas (up to the longest counting period) but are not reported.
            var warmUp = baseline.LongestPeriod > candidate.LongestPeriod ? baseline.LongestPeriod : candidate.LongestPeriod;
            var from = record.FromTicks - warmUp.Ticks;
            await gate.RefreshAsync(cancellationToken);
            var wanted = gate.Entries(e => e.SubmittedAtTicks >= from && e.SubmittedAtTicks < record.ToTicks)
                .OrderBy(e => e.SubmittedAtTicks).ThenBy(e => e.Sequence).ToList();
            var rows = await gate.ReadAsync(db, wanted, cancellationToken);
            var requests = rows.Select(r => RequestJson.Parse(r.Entry.RequestJson, RequestLimits.Stored).Value).OfType<FootageRequest>().ToList();
            var result = Simulator.Run(baseline, candidate, requests, countFrom: new DateTimeOffset(record.FromTicks, TimeSpan.Zero));
            record.ResultJson = SimulationJson.ToJson(result);
        }, time, logger, cancellationToken);
    }
}
