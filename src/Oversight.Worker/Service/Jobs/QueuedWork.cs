using Oversight.Storage;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// The life of a simulation or report record in its job: left alone once done or failed, marked
/// running, then done when the work returns, or failed — with the work's own reason for an
/// <see cref="InvalidOperationException"/>, and with a general message (details in the log only) for
/// anything else, so that nothing waits "running" through Hangfire's retries. Reentrant: work that
/// was interrupted is simply done again.
/// </summary>
internal static class QueuedWork
{
    /// <summary>
    /// Does <paramref name="work"/> for <paramref name="record"/> (null when there is no such record):
    /// <paramref name="what"/> names it in the log ("report"), <paramref name="failure"/> is the
    /// record's error for a failure the work did not explain.
    /// </summary>
    public static async Task RunAsync<TRecord>(
        OversightDbContext db, TRecord? record, string what, string failure, Func<TRecord, Task> work,
        TimeProvider time, ILogger logger, CancellationToken cancellationToken)
        where TRecord : class, IQueuedWorkRecord
    {
        if (record is null || record.Status is "done" or "failed")
        {
            return;
        }

        record.Status = "running";
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await work(record);
            record.Status = "done";
        }
        catch (InvalidOperationException e)
        {
            logger.LogError("The {What} {Id} failed: {Message}", what, record.Id, e.Message);
            record.Status = "failed";
            record.Error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The {What} {Id} failed", what, record.Id);
            record.Status = "failed";
            record.Error = failure;
        }

        record.FinishedAtTicks = time.GetUtcNow().UtcTicks;
        await db.SaveChangesAsync(cancellationToken);
    }
}
