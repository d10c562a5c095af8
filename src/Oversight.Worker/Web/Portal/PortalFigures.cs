using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Oversight.Detection;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Worker.Service;
using Oversight.Worker.Service.Jobs;
using Oversight.Worker.Service.Log;

namespace Oversight.Worker.Web.Portal;

/// <summary>The public report models behind the portal's figures, made at one moment from one state of the log.</summary>
/// <param name="MadeAt">When they were made.</param>
/// <param name="LogSize">Entries in the log when they were made.</param>
/// <param name="PolicySha256">The active policy they were made under.</param>
/// <param name="Periods">The current quarter and the four before it, newest first: public reports, through disclosure control.</param>
public sealed record PortalSnapshot(DateTimeOffset MadeAt, long LogSize, string PolicySha256, IReadOnlyList<TransparencyReport> Periods);

/// <summary>
/// The portal's headline numbers are the public transparency report's, made by the same builder
/// with the same disclosure control as the published reports, so that nothing on the portal is more
/// detailed than a public report. Making them takes seconds on a large log, so they are made in the
/// background (at start, then whenever the log or the active policy has changed, at most every
/// <see cref="Interval"/>) and the portal shows the latest, saying when it was made. Findings are the
/// detection job's stored ones (the report job runs the detectors itself).
/// </summary>
public sealed class PortalFigures(GateService gate, TransparencyLog log, PolicyStore policies, MapLayers layers, TimeProvider time, ILogger<PortalFigures> logger) : BackgroundService
{
    /// <summary>How often the figures are made again when something has changed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>How many quarters the portal shows: the current one and the four before it.</summary>
    public const int Quarters = 5;

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile PortalSnapshot? current;

    /// <summary>The latest figures; null until the first are made.</summary>
    public PortalSnapshot? Current => current;

    /// <summary>Makes the figures now from the log as it stands.</summary>
    public async Task<PortalSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            var policy = policies.Active;
            var now = time.GetUtcNow();
            var started = time.GetTimestamp();
            await using var db = gate.Database.CreateContext();
            var stored = await db.Findings.AsNoTracking().Where(f => f.PolicyId == policy.Id).Select(f => f.Json).ToListAsync(cancellationToken);
            var detected = stored.Select(Read).ToList();
            var reports = new List<TransparencyReport>(Quarters);
            foreach (var period in QuartersTo(now, policy.TimeZone))
            {
                var inputs = await ReportInputs.LoadAsync(db, gate, log, policy, period, cancellationToken, detected);
                reports.Add(ReportJob.Build(policy, period, inputs, isInternal: false, layers.Geography, [.. policies.All.Values], now));
            }

            var snapshot = new PortalSnapshot(now, log.Tree.Size, policy.Sha256, reports);
            current = snapshot;
            logger.LogInformation("Portal figures made from {Entries} log entries in {Seconds:0.0} s", snapshot.LogSize, time.GetElapsedTime(started).TotalSeconds);
            return snapshot;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>The quarter holding <paramref name="now"/> (local time) and the ones before it, newest first.</summary>
    public static IReadOnlyList<ReportingPeriod> QuartersTo(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var name = $"{local.Year}Q{((local.Month - 1) / 3) + 1}";
        ReportingPeriod.TryParse(name, zone, out var period, out _);
        var periods = new List<ReportingPeriod> { period };
        for (var i = 1; i < Quarters; i++)
        {
            periods.Add(periods[^1].Previous(zone));
        }

        return periods;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        do
        {
            var snapshot = current;
            var stale = snapshot is null
                || (time.GetUtcNow() - snapshot.MadeAt >= Interval && (snapshot.LogSize != log.Tree.Size || snapshot.PolicySha256 != policies.Active.Sha256))
                || time.GetUtcNow() - snapshot.MadeAt >= TimeSpan.FromHours(1);
            if (!stale)
            {
                continue;
            }

            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The portal's figures could not be made; the previous ones stay");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static Finding Read(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return FindingsJson.Read(document.RootElement);
    }

    public override void Dispose()
    {
        refreshing.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    internal static string Describe(PortalSnapshot snapshot, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(snapshot.MadeAt, zone).ToString("MMM d, yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
}
