using System.Security.Claims;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;

namespace Oversight.Worker.Service;

/// <summary>Which file of a finished report.</summary>
public enum ReportFormat
{
    Pdf,
    Xlsx,
    Html,
}

/// <summary>
/// Transparency reports made in the background: asking for one, following it, listing them and
/// reading their files. What <c>/v1/reports</c>, the console's reports page and the public portal
/// call. Internal reports (row-level, unsuppressed) are for auditors and admins only; the portal
/// publishes the latest finished public report of each period.
/// </summary>
public sealed class ReportService(GateService gate, PolicyStore policies, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Records a report of the period under the policy (default: the active one) and queues it.</summary>
    public async Task<Answer<ReportRecord>> CreateAsync(ClaimsPrincipal user, string? period, string? policyId, bool isInternal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var problems = new List<InputProblem>();
        var policy = policyId is { } id ? policies.Find(id) : policies.Active;
        if (policy is null)
        {
            problems.Add(new InputProblem("$.policy", $"no policy '{policyId}' is loaded; loaded: {string.Join(", ", policies.All.Keys)}"));
        }

        ReportingPeriod? range = null;
        if (string.IsNullOrWhiteSpace(period))
        {
            problems.Add(new InputProblem("$.period", "required: a period such as 2026Q3, 2026-08 or 2026"));
        }
        else if (!ReportingPeriod.TryParse(period, policy?.TimeZone ?? TimeZoneInfo.Utc, out range, out var error))
        {
            problems.Add(new InputProblem("$.period", error));
        }

        if (problems.Count > 0)
        {
            return ServiceProblem.Invalid(problems);
        }

        if (isInternal && !SeesInternal(user))
        {
            return new ServiceProblem(StatusCodes.Status403Forbidden, "Internal reports are for auditors", "A council key can ask for the public report (internal: false).");
        }

        await using var db = gate.Database.CreateContext();
        var record = ReportJob.NewRecord(range!.Name, policy!.Id, isInternal, time);
        db.Reports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ReportJob>(j => j.RunAsync(record.Id, CancellationToken.None));
        return record;
    }

    /// <summary>A report's state (without its files); internal reports are invisible to council keys.</summary>
    public async Task<ReportRecord?> FindAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        return await Visible(db, user).Where(r => r.Id == id).Select(Summary).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The reports the caller may see, newest first (without their files).</summary>
    public async Task<IReadOnlyList<ReportRecord>> ListAsync(ClaimsPrincipal user, int limit, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        return await Visible(db, user).OrderByDescending(r => r.CreatedAtTicks).Take(limit).Select(Summary).ToListAsync(cancellationToken);
    }

    /// <summary>A finished report's file; null when there is none the caller may see, or it is not done.</summary>
    public async Task<byte[]?> FileAsync(ClaimsPrincipal user, string id, ReportFormat format, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        return await File(Visible(db, user).Where(r => r.Id == id && r.Status == "done"), format).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The published reports: for each policy and period, the latest finished public report
    /// (newest period first). Public reports carry only suppressed aggregates, so anyone may read them.
    /// </summary>
    public async Task<IReadOnlyList<ReportRecord>> PublishedAsync(CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var done = await db.Reports.AsNoTracking().Where(r => !r.Internal && r.Status == "done").Select(Summary).ToListAsync(cancellationToken);
        return [.. done.GroupBy(r => (r.PolicyId, r.Period))
            .Select(g => g.OrderByDescending(r => r.FinishedAtTicks).First())
            .OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.PolicyId, StringComparer.Ordinal)];
    }

    /// <summary>A published report's file (see <see cref="PublishedAsync"/>); null for any other report.</summary>
    public async Task<byte[]?> PublishedFileAsync(string id, ReportFormat format, CancellationToken cancellationToken)
    {
        var published = await PublishedAsync(cancellationToken);
        if (!published.Any(r => r.Id == id))
        {
            return null;
        }

        await using var db = gate.Database.CreateContext();
        return await File(db.Reports.AsNoTracking().Where(r => r.Id == id), format).FirstOrDefaultAsync(cancellationToken);
    }

    public static bool SeesInternal(ClaimsPrincipal user) => user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.Admin);

    private static IQueryable<ReportRecord> Visible(OversightDbContext db, ClaimsPrincipal user)
    {
        var seesInternal = SeesInternal(user);
        return db.Reports.AsNoTracking().Where(r => seesInternal || !r.Internal);
    }

    private static IQueryable<byte[]?> File(IQueryable<ReportRecord> reports, ReportFormat format) => format switch
    {
        ReportFormat.Pdf => reports.Select(r => r.Pdf),
        ReportFormat.Xlsx => reports.Select(r => r.Xlsx),
        _ => reports.Select(r => r.Html),
    };

    private static readonly System.Linq.Expressions.Expression<Func<ReportRecord, ReportRecord>> Summary = r => new ReportRecord
    {
        Id = r.Id, Status = r.Status, Period = r.Period, PolicyId = r.PolicyId, Internal = r.Internal, CreatedAtTicks = r.CreatedAtTicks,
        FinishedAtTicks = r.FinishedAtTicks, InputSha256 = r.InputSha256, Requests = r.Requests, Error = r.Error,
    };
}
