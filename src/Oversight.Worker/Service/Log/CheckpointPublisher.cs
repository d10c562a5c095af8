namespace Oversight.Worker.Service.Log;

/// <summary>
/// Signs a checkpoint after appends: at once when the log has been idle, and at most once per
/// <see cref="LogOptions.CheckpointInterval"/> under load, so that a receipt's proof is never
/// long in coming and signing never slows the gate.
/// </summary>
public sealed class CheckpointPublisher(TransparencyLog log, TimeProvider time, ILogger<CheckpointPublisher> logger) : BackgroundService
{
    private readonly SemaphoreSlim pending = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (log.Signer is null)
        {
            return;
        }

        log.Appended += Signal;
        try
        {
            long lastSigned = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                // Entries appended by other processes are signed too: look every interval even without a signal.
                await pending.WaitAsync(log.Options.CheckpointInterval, stoppingToken);
                var wait = log.Options.CheckpointInterval - time.GetElapsedTime(lastSigned);
                if (lastSigned != 0 && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                try
                {
                    if (await log.SignAsync(stoppingToken) is { } signed)
                    {
                        lastSigned = time.GetTimestamp();
                        logger.LogDebug("Checkpoint signed at size {Size}", signed.TreeSize);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "A checkpoint could not be signed; trying again at the next append");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            log.Appended -= Signal;
        }
    }

    private void Signal()
    {
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // A signal is already pending.
        }
    }

    public override void Dispose()
    {
        pending.Dispose();
        base.Dispose();
    }
}
