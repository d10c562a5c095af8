using Oversight.Storage;
using Oversight.Worker.Service.Log;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// Verifies the decision log from its entries up (leaves, columns, checkpoints) and records the
/// result; a log that does not verify raises an alarm. Safe to run twice or concurrently: each
/// run only reads the log and appends its own result row.
/// </summary>
public sealed class AuditJob(GateService gate, TransparencyLog log, TimeProvider time, ILogger<AuditJob> logger)
{
    public const string RecurringId = "audit-verify-nightly";

    public async Task<AuditResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var (result, _) = await LogAudit.VerifyAsync(db, log.Signer?.Public, [], cancellationToken);
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
            log.Alarm($"the audit of {new DateTimeOffset(time.GetUtcNow().UtcTicks, TimeSpan.Zero):u} found the log broken: {result.Message}");
        }

        return result;
    }
}
