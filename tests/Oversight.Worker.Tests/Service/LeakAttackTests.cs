using System.Net;
using System.Text.Json;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

/// <summary>What one agency could learn about another through the API: nothing beyond its own requests.</summary>
public sealed class LeakAttackTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SameIdFromTwoAgencies_AreTwoRequests_AndNeitherBlocksTheOther(string provider)
    {
        await using var service = await TestService.StartAsync(provider);
        var a = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var b = await service.ClientAsync(Roles.Agency, "olmsted-county-so");

        // B claims the id first, as if to block A's later request.
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsync("/v1/requests", TestService.Json(TestService.Request("case-17", "olmsted-county-so")))).StatusCode);
        var mine = await a.PostAsync("/v1/requests", TestService.Json(TestService.Request("case-17")));
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal("/v1/requests/case-17", mine.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await a.PostAsync("/v1/requests", TestService.Json(TestService.Request("case-17")))).StatusCode);

        string AgencyOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("request").GetProperty("agency").GetString()!;
        Assert.Equal("rochester-mn-pd", AgencyOf(await a.GetStringAsync("/v1/requests/case-17")));
        Assert.Equal("olmsted-county-so", AgencyOf(await b.GetStringAsync("/v1/requests/case-17")));
        Assert.Equal("rochester-mn-pd", AgencyOf(await a.GetStringAsync("/v1/requests/case-17?agency=olmsted-county-so")));

        var auditor = await service.ClientAsync(Roles.Auditor);
        var ambiguous = await auditor.GetAsync("/v1/requests/case-17");
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Contains("olmsted-county-so, rochester-mn-pd", await ambiguous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("olmsted-county-so", AgencyOf(await auditor.GetStringAsync("/v1/requests/case-17?agency=olmsted-county-so")));
    }

    [Fact]
    public async Task AgencyPositions_CountOnlyItsOwnEntries()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var a = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var b = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        for (var i = 0; i < 3; i++)
        {
            await a.PostAsync("/v1/requests", TestService.Json(TestService.Request($"a-{i}")));
        }

        await b.PostAsync("/v1/requests", TestService.Json(TestService.Request("b-0", "olmsted-county-so")));
        await b.PostAsync("/v1/requests", TestService.Json(TestService.Request("b-1", "olmsted-county-so")));

        var entry = JsonDocument.Parse(await b.GetStringAsync("/v1/requests/b-1")).RootElement;
        Assert.Equal(2, entry.GetProperty("agencySequence").GetInt64());
        Assert.False(entry.TryGetProperty("sequence", out _));

        var page = JsonDocument.Parse(await b.GetStringAsync("/v1/requests?limit=1")).RootElement;
        Assert.Equal(2, page.GetProperty("next").GetInt64());
        var rest = JsonDocument.Parse(await b.GetStringAsync("/v1/requests?limit=1&before=2")).RootElement;
        Assert.Equal("b-0", rest.GetProperty("items")[0].GetProperty("requestId").GetString());

        var auditor = await service.ClientAsync(Roles.Auditor);
        var seen = JsonDocument.Parse(await auditor.GetStringAsync("/v1/requests/b-1")).RootElement;
        Assert.Equal(5, seen.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task DryRunAtAPlace_CountsOnlyTheAgencysOwnRequests_TheSubmissionCountsAll()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { ActivePolicy = "rochester-mn" });
        var a = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var b = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        for (var i = 0; i < 3; i++)
        {
            var response = await a.PostAsync("/v1/requests", TestService.Json(Attack.Request($"a-{i}", edit: json => json["caseNumber"] = $"RPD-{i}")));
            Assert.Contains("\"decision\":\"allow\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        JsonElement SamePlace(string body) => JsonDocument.Parse(body).RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "same-place");
        var probe = TestService.Json(TestService.Request("b-probe", "olmsted-county-so"));

        var dryRun = SamePlace(await (await b.PostAsync("/v1/requests/check", probe)).Content.ReadAsStringAsync());
        Assert.Equal(("pass", 1), (dryRun.GetProperty("outcome").GetString(), dryRun.GetProperty("actual").GetInt32()));
        Assert.Contains("only your agency's requests", dryRun.GetProperty("message").GetString(), StringComparison.Ordinal);

        var auditor = await service.ClientAsync(Roles.Auditor);
        var seenByAuditor = SamePlace(await (await auditor.PostAsync("/v1/requests/check", TestService.Json(TestService.Request("b-probe", "olmsted-county-so")))).Content.ReadAsStringAsync());
        Assert.Equal(("violated", 4), (seenByAuditor.GetProperty("outcome").GetString(), seenByAuditor.GetProperty("actual").GetInt32()));

        var submitted = SamePlace(await (await b.PostAsync("/v1/requests", TestService.Json(TestService.Request("b-probe", "olmsted-county-so")))).Content.ReadAsStringAsync());
        Assert.Equal("violated", submitted.GetProperty("outcome").GetString());
    }
}
