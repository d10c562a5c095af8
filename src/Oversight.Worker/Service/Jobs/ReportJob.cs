using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Reports.Html;
using Oversight.Reports.Pdf;
using Oversight.Reports.Xlsx;
using Oversight.Storage;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// Makes a recorded report by id, and each quarter's public report once the quarter is over.
/// Reentrant: a finished report is left as it is; an interrupted one is simply made again.
/// </summary>
public sealed class ReportJob(GateService gate, Log.TransparencyLog log, PolicyStore policies, IOptions<ServiceOptions> options, TimeProvider time, ILogger<ReportJob> logger)
{
    public const string RecurringId = "transparency-report-quarterly";

    public async Task RunAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var record = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        await QueuedWork.RunAsync(db, record, "report", "the report could not be made because of an internal error; the service log has the details", async record =>
        {
            var policy = policies.Find(record.PolicyId) ?? throw new InvalidOperationException($"the policy '{record.PolicyId}' is no longer loaded");
            if (!ReportingPeriod.TryParse(record.Period, policy.TimeZone, out var period, out var error))
            {
                throw new InvalidOperationException(error);
            }

            var inputs = await ReportInputs.LoadAsync(db, gate, log, policy, period, cancellationToken);
            var report = Build(policy, period, inputs, record.Internal, Geography(), [.. policies.All.Values], time.GetUtcNow());
            using var pdf = new MemoryStream();
            ReportPdf.Write(report, pdf);
            using var xlsx = new MemoryStream();
            ReportWorkbook.Write(report, xlsx);
            using var html = new MemoryStream();
            ReportHtml.Write(report, html);
            (record.Pdf, record.Xlsx, record.Html, record.InputSha256, record.Requests) =
                (pdf.ToArray(), xlsx.ToArray(), html.ToArray(), inputs.Sha256, inputs.Requests.Count(r => period.Contains(r.SubmittedAt)));
        }, time, logger, cancellationToken);
    }

    /// <summary>
    /// The public report of the last finished quarter for the active policy, unless a finished one
    /// was made from the same input (same sha256). Returns the report's id, or null when skipped.
    /// </summary>
    public async Task<string?> QuarterlyAsync(CancellationToken cancellationToken)
    {
        var policy = policies.Active;
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), policy.TimeZone);
        var quarter = ((now.Month - 1) / 3) + 1;
        var name = quarter == 1 ? $"{now.Year - 1}Q4" : $"{now.Year}Q{quarter - 1}";
        ReportingPeriod.TryParse(name, policy.TimeZone, out var period, out _);
        await using var db = gate.Database.CreateContext();
        var inputs = await ReportInputs.LoadAsync(db, gate, log, policy, period, cancellationToken);
        if (await db.Reports.AnyAsync(r => r.PolicyId == policy.Id && r.Period == name && !r.Internal && r.Status == "done" && r.InputSha256 == inputs.Sha256, cancellationToken))
        {
            logger.LogInformation("The {Period} report for {Policy} is up to date", name, policy.Id);
            return null;
        }

        var record = NewRecord(name, policy.Id, isInternal: false, time);
        db.Reports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await RunAsync(record.Id, cancellationToken);
        return record.Id;
    }

    /// <summary>The report model of a period from its inputs: what the job renders and what the portal's figures are taken from.</summary>
    internal static TransparencyReport Build(Policy policy, ReportingPeriod period, ReportInputs inputs, bool isInternal, ReportGeography? geography, IReadOnlyList<Policy> known, DateTimeOffset now) =>
        ReportBuilder.Build(new ReportInput(policy, inputs.Requests, inputs.Findings, period, inputs.Sha256, now, isInternal, geography)
        {
            // The log holds every submission from its first entry on; the service's clock says how far it reaches.
            Source = new ReportSource("the decision log", inputs.FirstEntry, now, inputs.Requests.Count, [], Inferred: true),
            Notes = inputs.Notes,
            Dispositions = inputs.Dispositions,
            Timeline = inputs.Timeline,
            KnownPolicies = known,
            Checkpoint = inputs.Checkpoint,
        });

    internal static ReportRecord NewRecord(string period, string policyId, bool isInternal, TimeProvider time) => new()
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Status = "queued",
        Period = period,
        PolicyId = policyId,
        Internal = isInternal,
        CreatedAtTicks = time.GetUtcNow().UtcTicks,
    };

    private ReportGeography? Geography()
    {
        if (options.Value.Geography is not { } path)
        {
            return null;
        }

        return GeographyFile.Load(path, out var problems) ?? throw new InvalidOperationException(string.Join("; ", problems));
    }
}
