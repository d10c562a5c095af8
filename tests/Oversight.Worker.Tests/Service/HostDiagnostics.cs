using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace Oversight.Worker.Tests.Service;

/// <summary>
/// What a test host logged and what its job storage holds, for the message of a test that timed out
/// waiting for a background job: which jobs are enqueued, processing, scheduled for a retry or failed,
/// with their state history, and the host's last log lines.
/// </summary>
internal sealed class HostDiagnostics : ILoggerProvider
{
    private const int KeptLines = 400;

    private readonly ConcurrentQueue<string> lines = new();

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    /// <summary>The last log lines, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    public void Dispose()
    {
    }

    public string Describe(JobStorage storage)
    {
        var text = new StringBuilder();
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var stats = monitoring.GetStatistics();
            text.AppendLine(CultureInfo.InvariantCulture, $"jobs: enqueued {stats.Enqueued}, processing {stats.Processing}, scheduled {stats.Scheduled}, failed {stats.Failed}, succeeded {stats.Succeeded}; servers {stats.Servers}");
            foreach (var server in monitoring.Servers())
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"server {server.Name}: workers {server.WorkersCount}, queues {string.Join(',', server.Queues)}, started {server.StartedAt:O}, heartbeat {server.Heartbeat:O}");
            }

            var ids = monitoring.EnqueuedJobs("default", 0, 20).Select(j => j.Key)
                .Concat(monitoring.ProcessingJobs(0, 20).Select(j => j.Key))
                .Concat(monitoring.ScheduledJobs(0, 20).Select(j => j.Key))
                .Concat(monitoring.FailedJobs(0, 20).Select(j => j.Key));
            foreach (var id in ids.Distinct())
            {
                var details = monitoring.JobDetails(id);
                text.AppendLine(CultureInfo.InvariantCulture, $"job {id} {details?.Job?.Type.Name}.{details?.Job?.Method.Name} created {details?.CreatedAt:O}");
                foreach (var state in details?.History ?? [])
                {
                    var data = string.Join("; ", state.Data.Where(d => d.Key is "ExceptionType" or "ExceptionMessage" or "ServerId" or "EnqueueAt" or "Queue").Select(d => $"{d.Key}={d.Value}"));
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {state.CreatedAt:O} {state.StateName} {state.Reason} {data}");
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            text.AppendLine("job storage could not be read: " + e.Message);
        }

        text.AppendLine("log:");
        foreach (var line in lines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    private void Add(string line)
    {
        lines.Enqueue(line);
        while (lines.Count > KeptLines && lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Capture(HostDiagnostics owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information || category.StartsWith("Hangfire", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
            }
        }
    }
}
