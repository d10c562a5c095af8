using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

public sealed class RequestsApiTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Submit_RecordsAndAnswers201WithLocation_CheckRecordsNothing(string provider)
    {
        await using var service = await TestService.StartAsync(provider);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");

        var check = await agency.PostAsync("/v1/requests/check", TestService.Json(TestService.Request("r-1")));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("allow", JsonDocument.Parse(await check.Content.ReadAsStringAsync()).RootElement.GetProperty("decision").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync("/v1/requests/r-1")).StatusCode);

        var submit = await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-1")));
        Assert.Equal(HttpStatusCode.Created, submit.StatusCode);
        Assert.Equal("/v1/requests/r-1", submit.Headers.Location?.ToString());
        var decision = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("r-1", decision.GetProperty("requestId").GetString());
        Assert.Equal(64, decision.GetProperty("policy").GetProperty("sha256").GetString()!.Length);

        var read = JsonDocument.Parse(await agency.GetStringAsync("/v1/requests/r-1")).RootElement;
        Assert.Equal(1, read.GetProperty("agencySequence").GetInt64());
        Assert.False(read.TryGetProperty("sequence", out _));
        Assert.Equal("allow", read.GetProperty("decision").GetProperty("decision").GetString());

        var again = await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-1")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Submit_DeniedRequestIsRecordedToo(string provider)
    {
        await using var service = await TestService.StartAsync(provider);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var response = await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("big", radius: 2000)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"decision\":\"deny\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await agency.GetAsync("/v1/requests/big")).StatusCode);
    }

    [Fact]
    public async Task InvalidBody_ProblemDetailsListEveryFieldError()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var bad = TestService.Request("bad").Replace("\"badge-1\"", "\"\"", StringComparison.Ordinal)
            .Replace("2026-08-01T05:00:00Z", "2026-07-31T05:00:00Z", StringComparison.Ordinal)
            .Replace("\"radiusMeters\":200", "\"radiusMeters\":-1", StringComparison.Ordinal);
        var response = await agency.PostAsync("/v1/requests", TestService.Json(bad));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.requester", paths);
        Assert.Contains("$.window.end", paths);
        Assert.Contains("$.area.radiusMeters", paths);

        var malformed = await agency.PostAsync("/v1/requests", TestService.Json("{\"agency\": "));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("malformed JSON", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizeBody_Answers413()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var huge = TestService.Request("huge").Replace("Residential burglary", new string('x', 1_100_000), StringComparison.Ordinal);
        var response = await agency.PostAsync("/v1/requests", TestService.Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Restart_KeepsEveryDecisionAndTheQuota(string provider)
    {
        var temp = new TestService.Temp();
        var db = await TestService.NewDatabaseAsync(provider, temp);
        string key;
        var first = await TestService.StartAsync(provider, db, temp);
        key = await first.KeyAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await first.Client(key).PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}", minutes: i)))).StatusCode);
        }

        await first.StopAsync();

        await using var second = await TestService.StartAsync(provider, db, temp);
        var client = second.Client(key);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/requests/r-{i}")).StatusCode);
        }

        var sixth = await client.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-5", minutes: 10)));
        Assert.Contains("\"decision\":\"deny\"", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ConcurrentSubmissions_AdmitExactlyTheLimit(string provider)
    {
        await using var service = await TestService.StartAsync(provider);
        var key = await service.KeyAsync(Roles.Agency, "rochester-mn-pd");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var response = await service.Client(key).PostAsync("/v1/requests", TestService.Json(TestService.Request($"c-{i}", minutes: i % 3)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("decision").GetString();
        }));
        Assert.Equal(5, outcomes.Count(o => o == "allow"));
        Assert.Equal(25, outcomes.Count(o => o == "deny"));
    }

    [Fact]
    public async Task TwoNodesOnOnePostgres_AdmitExactlyTheLimit()
    {
        var temp = new TestService.Temp();
        var db = await TestService.NewDatabaseAsync("postgres", temp);
        await using var one = await TestService.StartAsync("postgres", db, temp);
        await using var two = await TestService.StartAsync("postgres", db, new TestService.Temp(), tune: o => o with { Log = o.Log with { KeyFile = Path.Combine(temp.Path, "log.key") } });
        var key = await one.KeyAsync(Roles.Agency, "rochester-mn-pd");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var node = i % 2 == 0 ? one : two;
            var response = await node.Client(key).PostAsync("/v1/requests", TestService.Json(TestService.Request($"n-{i}", minutes: i % 4)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("decision").GetString();
        }));
        Assert.Equal(5, outcomes.Count(o => o == "allow"));
        await using var context = one.Database.CreateContext();
        Assert.Equal(30, await context.Decisions.CountAsync());
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), await context.Decisions.OrderBy(d => d.Sequence).Select(d => d.Sequence).ToListAsync());

        // Both nodes sign checkpoints, one at a time; each node's checkpoint is consistent with the other's, and the log verifies.
        Assert.True(Oversight.Log.SignedNote.TryParse(await one.CheckpointAsync(30), out var fromOne, out _));
        Assert.True(Oversight.Log.SignedNote.TryParse(await two.CheckpointAsync(30), out var fromTwo, out _));
        Assert.Equal(fromOne!.Text, fromTwo!.Text);
        Assert.True(Oversight.Log.NoteKey.TryParse(one.LogVerifierKey, out var logKey, out _));
        Assert.True(logKey!.Verifies(fromTwo));
        var sizes = await context.Checkpoints.OrderBy(c => c.TreeSize).Select(c => c.TreeSize).ToListAsync();
        Assert.Equal(sizes.Distinct().Count(), sizes.Count);
        var auditor = await one.ClientAsync(Roles.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/v1/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task List_AgencySeesOnlyItsOwn_AuditorSeesAll()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var rpd = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var sheriff = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        await rpd.PostAsync("/v1/requests", TestService.Json(TestService.Request("a-1")));
        await sheriff.PostAsync("/v1/requests", TestService.Json(TestService.Request("b-1", agency: "olmsted-county-so")));
        var own = JsonDocument.Parse(await rpd.GetStringAsync("/v1/requests")).RootElement.GetProperty("items");
        Assert.Equal(["a-1"], own.EnumerateArray().Select(i => i.GetProperty("requestId").GetString()));
        var auditor = await service.ClientAsync(Roles.Auditor);
        var all = JsonDocument.Parse(await auditor.GetStringAsync("/v1/requests")).RootElement.GetProperty("items");
        Assert.Equal(2, all.GetArrayLength());
    }

    [Fact]
    public async Task List_FilteredByRuleAndPeriod_CountsWhatMatchesAndPagesWithinIt()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var rpd = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 1; i <= 4; i++)
        {
            // 200 m circles pass; a 700 m one is over test-limits' 0.5 sq mi area-limit.
            await rpd.PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}", radius: i == 2 ? 700 : 200)));
        }

        var auditor = await service.ClientAsync(Roles.Auditor);
        var broken = JsonDocument.Parse(await auditor.GetStringAsync("/v1/requests?rule=area-limit")).RootElement;
        Assert.Equal(1, broken.GetProperty("total").GetInt32());
        Assert.Equal("r-2", broken.GetProperty("items")[0].GetProperty("requestId").GetString());

        var page = JsonDocument.Parse(await auditor.GetStringAsync("/v1/requests?period=2026Q3&limit=2")).RootElement;
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(["r-4", "r-3"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("requestId").GetString()));
        var next = page.GetProperty("next").GetInt64();
        var rest = JsonDocument.Parse(await auditor.GetStringAsync($"/v1/requests?period=2026Q3&limit=2&before={next}")).RootElement;
        Assert.Equal(["r-2", "r-1"], rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("requestId").GetString()));
        Assert.Equal(0, JsonDocument.Parse(await auditor.GetStringAsync("/v1/requests?period=2026Q2")).RootElement.GetProperty("total").GetInt32());

        var bad = await auditor.GetAsync("/v1/requests?period=2026Q5&decision=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var paths = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("period", paths);
        Assert.Contains("decision", paths);
    }
}
