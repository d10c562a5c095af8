using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;

namespace Oversight.Worker.Tests.Service;

public sealed class FindingsApiTests
{
    /// <summary>Four requests whose windows follow one another along a line, 600 m apart: a track.</summary>
    internal static async Task SubmitTrackAsync(HttpClient agency, string prefix = "t", int links = 4)
    {
        for (var k = 0; k < links; k++)
        {
            var start = new DateTimeOffset(2026, 8, 1, 1, 0, 0, TimeSpan.Zero).AddMinutes(50 * k);
            var json = "{\"id\":\"" + prefix + "-" + k + "\",\"agency\":\"rochester-mn-pd\",\"requester\":\"badge-" + k + "\",\"caseNumber\":\"C-" + k + "\"," +
                "\"description\":\"Vehicle break-in, suspect seen walking east\",\"submittedAt\":\"2026-08-01T12:00:00Z\"," +
                "\"window\":{\"start\":\"" + Time(start) + "\",\"end\":\"" + Time(start.AddMinutes(40)) + "\"}," +
                "\"area\":{\"center\":{\"lat\":44.02,\"lon\":" + (-92.47 + (0.0075 * k)).ToString(CultureInfo.InvariantCulture) + "},\"radiusMeters\":100}}";
            var response = await agency.PostAsync("/v1/requests", TestService.Json(json));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static DetectionJob Job(TestService service) => service.App.Services.GetRequiredService<DetectionJob>();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Findings_AfterTheJob_ListTheTrackOnceHoweverOftenItRuns(string provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await SubmitTrackAsync(await service.ClientAsync(Roles.Agency, "rochester-mn-pd"));
        var auditor = await service.ClientAsync(Roles.Auditor);

        var first = await Job(service).RunAsync(full: false, CancellationToken.None);
        var again = await Job(service).RunAsync(full: false, CancellationToken.None);
        var nightly = await Job(service).RunAsync(full: true, CancellationToken.None);

        Assert.Equal((1, 1), (first!.Findings, first.Added));
        Assert.Null(again);
        Assert.Equal((1, 0, 0), (nightly!.Findings, nightly.Added, nightly.Removed));
        var root = JsonDocument.Parse(await auditor.GetStringAsync("/v1/findings")).RootElement;
        Assert.Equal(1, root.GetProperty("total").GetInt32());
        var finding = root.GetProperty("findings")[0];
        Assert.Equal("track", finding.GetProperty("kind").GetString());
        Assert.Equal(["t-0", "t-1", "t-2", "t-3"], finding.GetProperty("requestIds").EnumerateArray().Select(e => e.GetString()));
        var id = finding.GetProperty("id").GetString();
        Assert.Equal(id, JsonDocument.Parse(await auditor.GetStringAsync($"/v1/findings/{id}")).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Findings_ChainGrowsBetweenRuns_UpdatesTheSameFinding()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        await SubmitTrackAsync(agency, links: 3);
        await Job(service).RunAsync(full: false, CancellationToken.None);
        var fourth = "{\"id\":\"t-3\",\"agency\":\"rochester-mn-pd\",\"requester\":\"badge-3\",\"caseNumber\":\"C-3\"," +
            "\"description\":\"Vehicle break-in, suspect seen walking east\",\"submittedAt\":\"2026-08-01T12:30:00Z\"," +
            "\"window\":{\"start\":\"2026-08-01T03:30:00Z\",\"end\":\"2026-08-01T04:10:00Z\"}," +
            "\"area\":{\"center\":{\"lat\":44.02,\"lon\":-92.4475},\"radiusMeters\":100}}";
        service.Clock.Now = TestService.Noon.AddMinutes(30);
        await agency.PostAsync("/v1/requests", TestService.Json(fourth));

        var run = await Job(service).RunAsync(full: false, CancellationToken.None);

        Assert.Equal((1, 0, 0), (run!.Findings, run.Added, run.Removed));
        var auditor = await service.ClientAsync(Roles.Auditor);
        var finding = JsonDocument.Parse(await auditor.GetStringAsync("/v1/findings")).RootElement.GetProperty("findings")[0];
        Assert.Equal(4, finding.GetProperty("metrics").GetProperty("links").GetInt32());
    }

    [Fact]
    public async Task Findings_Filters_SelectByKindAgencySeverityAndPeriod()
    {
        await using var service = await TestService.StartAsync("sqlite");
        await SubmitTrackAsync(await service.ClientAsync(Roles.Agency, "rochester-mn-pd"));
        await Job(service).RunAsync(full: true, CancellationToken.None);
        var auditor = await service.ClientAsync(Roles.Auditor);

        async Task<int> Total(string query) =>
            JsonDocument.Parse(await auditor.GetStringAsync("/v1/findings?" + query)).RootElement.GetProperty("total").GetInt32();

        Assert.Equal(1, await Total("kind=track&agency=rochester-mn-pd&severity=high&period=2026Q3"));
        Assert.Equal(0, await Total("kind=split-area"));
        Assert.Equal(0, await Total("agency=olmsted-county-so"));
        Assert.Equal(0, await Total("period=2026Q2"));
    }

    [Fact]
    public async Task Findings_BadFilters_ListEveryProblem()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);

        var response = await auditor.GetAsync("/v1/findings?kind=tracks&severity=urgent&period=last&limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["kind", "severity", "period", "limit"], errors.EnumerateArray().Select(e => e.GetProperty("path").GetString()));
    }

    [Theory]
    [InlineData(Roles.Agency, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Council, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Auditor, HttpStatusCode.OK)]
    public async Task Findings_ByRole_OnlyAuditorsAndAdminsRead(string role, HttpStatusCode expected)
    {
        await using var service = await TestService.StartAsync("sqlite");
        var client = await service.ClientAsync(role, role == Roles.Agency ? "rochester-mn-pd" : null);

        Assert.Equal(expected, (await client.GetAsync("/v1/findings")).StatusCode);
    }
}
