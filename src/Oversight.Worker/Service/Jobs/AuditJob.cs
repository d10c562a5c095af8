using Oversight.Storage;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// Verifies the decision log and records the result. Safe to run twice or concurrently: each run
/// only reads the log and appends its own result row.
/// </summary>
public sealed class AuditJob(GateService gate, TimeProvider time, ILogger<AuditJob> logger)
{
    public const string RecurringId = "audit-verify-nightly";

    public async Task<AuditResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var result = await DecisionChain.VerifyAsync(db, cancellationToken);
        db.AuditRuns.Add(new AuditRunRecord
        {
            RanAtTicks = time.GetUtcNow().UtcTicks,
            Intact = result.Intact,
            Entries = result.Entries,
            FirstBadSequence = result.FirstBadSequence,
            HeadSequence = result.Intact ? result.HeadSequence : 0,
            HeadHash = result.Intact ? result.HeadHash : null,
            Message = result.Message,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (result.Intact)
        {
            logger.LogInformation("Decision log verified: {Message}", result.Message);
        }
        else
        {
            logger.LogError("Decision log is broken: {Message}", result.Message);
        }

        return result;
    }
}
