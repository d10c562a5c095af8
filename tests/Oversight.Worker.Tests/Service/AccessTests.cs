using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

public sealed class AccessTests
{
    [Fact]
    public async Task OnlyHealthzIsAnonymous()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var anonymous = service.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        foreach (var path in new[] { "/v1/policies", "/v1/requests", "/v1/requests/x", "/v1/audit/verify", "/openapi/v1.json" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        }

        // The job dashboard and the console are pages: a browser without a session is sent to sign in.
        foreach (var path in new[] { "/jobs", "/console/requests" })
        {
            var page = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Found, page.StatusCode);
            Assert.Equal($"/signin?returnUrl={Uri.EscapeDataString(path)}", page.Headers.Location!.PathAndQuery);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/requests", TestService.Json(TestService.Request("x")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client("ovk_not-a-key").GetAsync("/v1/policies")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Agency, "/v1/policies", HttpStatusCode.OK)]
    [InlineData(Roles.Council, "/v1/policies", HttpStatusCode.OK)]
    [InlineData(Roles.Council, "/v1/requests", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Council, "/v1/audit/verify", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Agency, "/v1/audit/verify", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Auditor, "/v1/audit/verify", HttpStatusCode.OK)]
    [InlineData(Roles.Auditor, "/v1/requests", HttpStatusCode.OK)]
    [InlineData(Roles.Auditor, "/jobs", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, "/jobs", HttpStatusCode.OK)]
    [InlineData(Roles.Admin, "/openapi/v1.json", HttpStatusCode.OK)]
    public async Task Roles_ReachWhatTheyMay(string role, string path, HttpStatusCode expected)
    {
        await using var service = await TestService.StartAsync("sqlite");
        var client = await service.ClientAsync(role, role == Roles.Agency ? "rochester-mn-pd" : null);
        Assert.Equal(expected, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task AgencyKey_CannotSubmitForAnotherAgency_NorReadItsRequests()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var rpd = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var sheriff = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        Assert.Equal(HttpStatusCode.Forbidden, (await rpd.PostAsync("/v1/requests", TestService.Json(TestService.Request("x", agency: "olmsted-county-so")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rpd.PostAsync("/v1/requests/check", TestService.Json(TestService.Request("x", agency: "olmsted-county-so")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sheriff.PostAsync("/v1/requests", TestService.Json(TestService.Request("s-1", agency: "olmsted-county-so")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rpd.GetAsync("/v1/requests/s-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sheriff.GetAsync("/v1/requests/s-1")).StatusCode);
        var council = await service.ClientAsync(Roles.Council);
        Assert.Equal(HttpStatusCode.Forbidden, (await council.PostAsync("/v1/requests", TestService.Json(TestService.Request("c")))).StatusCode);
    }

    [Fact]
    public async Task RateLimit_PerKey_Answers429WithRetryAfter()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { RateLimit = 3 });
        var first = await service.ClientAsync(Roles.Auditor);
        var second = await service.ClientAsync(Roles.Auditor);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/v1/policies")).StatusCode);
        }

        var limited = await first.GetAsync("/v1/policies");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/v1/policies")).StatusCode);
    }
}

public sealed class SubmissionRulesTests
{
    [Fact]
    public async Task SubmittedAtInTheFuture_IsRefused()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var future = TestService.Request("f-1").Replace("2026-08-01T12:00:00Z", TestService.Noon.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var response = await agency.PostAsync("/v1/requests", TestService.Json(future));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ahead of the service's clock", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminKey_MaySubmitForAnyAgency_AndCheckAgainstAnotherLoadedPolicy()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var admin = await service.ClientAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/v1/requests", TestService.Json(TestService.Request("a-1", agency: "olmsted-county-so")))).StatusCode);
        var strict = await admin.PostAsync("/v1/requests/check?policy=ccops-strict", TestService.Json(TestService.Request("a-2")));
        Assert.Equal(HttpStatusCode.OK, strict.StatusCode);
        Assert.Contains("\"id\":\"ccops-strict\"", await strict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/v1/requests/check?policy=nope", TestService.Json(TestService.Request("a-3")))).StatusCode);
    }

    [Fact]
    public async Task NightlyAudit_IsRegisteredAsARecurringJob()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var storage = service.App.Services.GetRequiredService<Hangfire.JobStorage>();
        using var connection = storage.GetConnection();
        var jobs = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);
        Assert.Contains(jobs, j => j.Id == Oversight.Worker.Service.Jobs.AuditJob.RecurringId && j.Cron == "0 3 * * *");
    }
}

public sealed class RoleTests
{
    [Fact]
    public async Task WorkerRole_ServesNoApi_ApiRole_RunsNoJobServer()
    {
        await using var worker = await TestService.StartAsync("sqlite", tune: o => o with { Role = Oversight.Worker.Service.ServiceRole.Worker });
        var admin = await worker.ClientAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/policies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/healthz")).StatusCode);
        Assert.Contains(worker.App.Services.GetServices<IHostedService>(), s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));

        await using var api = await TestService.StartAsync("sqlite", tune: o => o with { Role = Oversight.Worker.Service.ServiceRole.Api });
        Assert.Equal(HttpStatusCode.OK, (await (await api.ClientAsync(Roles.Admin)).GetAsync("/v1/policies")).StatusCode);
        Assert.DoesNotContain(api.App.Services.GetServices<IHostedService>(), s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));
    }
}
