using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Oversight.Storage;

namespace Oversight.Worker.Service.Auth;

/// <summary>
/// Records when each key was last used, at most once a minute per key and off the request's path,
/// so that authentication stays a single read.
/// </summary>
public sealed class KeyUsage(DatabaseTarget database, TimeProvider time, ILogger<KeyUsage> logger)
{
    private readonly ConcurrentDictionary<long, long> lastMinute = new();

    public void Touch(ApiKeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var minute = time.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        var recorded = lastMinute.GetOrAdd(key.Id, (key.LastUsedAtTicks ?? 0) / TimeSpan.TicksPerMinute);
        if (recorded >= minute || !lastMinute.TryUpdate(key.Id, minute, recorded))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = database.CreateContext();
                await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(r => r.LastUsedAtTicks, minute * TimeSpan.TicksPerMinute));
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or ObjectDisposedException)
            {
                logger.LogWarning("Could not record the last use of key {Id}: {Message}", key.Id, e.Message);
            }
        });
    }
}
