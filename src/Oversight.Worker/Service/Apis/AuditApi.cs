using Microsoft.AspNetCore.Http.HttpResults;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/audit/verify</c>: recompute the decision log's hash chain now.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/audit/verify", VerifyAsync).WithTags("Audit").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .WithSummary("Recompute the decision log's hash chain; 200 when intact, 409 naming the first bad entry");
        return v1;
    }

    private static async Task<Results<Ok<AuditResult>, Conflict<AuditResult>>> VerifyAsync(AuditJob job, CancellationToken cancellationToken)
    {
        var result = await job.RunAsync(cancellationToken);
        return result.Intact ? TypedResults.Ok(result) : TypedResults.Conflict(result);
    }
}
