using System.Net;
using System.Text.Json;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

public sealed class SimulationsApiTests
{
    private const string Stricter = """
        policy: test-limits
        version: "2"
        rules:
          - { id: agency-day, kind: max-requests, per: agency, limit: 2, period: 1d }
          - { id: area-limit, kind: max-area, limit: 0.5 sq mi }
        """;

    private static async Task<TestService> WithHistoryAsync(string provider, int inlineLimit = 20_000)
    {
        var service = await TestService.StartAsync(provider, tune: o => o with { SimulationInlineLimit = inlineLimit });
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 0; i < 6; i++)
        {
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"h-{i}", minutes: i)));
        }

        return service;
    }

    private static StringContent Body(string yaml, string period = "2026Q3") =>
        TestService.Json(JsonSerializer.Serialize(new { candidate = yaml, period }));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Simulation_SmallHistory_AnswersTheDiffAtOnce(string provider)
    {
        await using var service = await WithHistoryAsync(provider);
        var auditor = await service.ClientAsync(Roles.Auditor);
        var response = await auditor.PostAsync("/v1/simulations", Body(Stricter));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("done", root.GetProperty("status").GetString());
        Assert.Equal(6, root.GetProperty("requests").GetInt32());
        var result = root.GetProperty("result");
        Assert.Equal(5, result.GetProperty("baseline").GetProperty("allow").GetInt32());
        Assert.Equal(2, result.GetProperty("candidate").GetProperty("allow").GetInt32());
        Assert.Equal(3, result.GetProperty("changed").GetArrayLength());
        Assert.Equal("agency-day", result.GetProperty("changed")[0].GetProperty("rules")[0].GetString());
    }

    [Fact]
    public async Task Simulation_OverTheInlineLimit_RunsAsAJobWithAStatusEndpoint()
    {
        await using var service = await WithHistoryAsync("sqlite", inlineLimit: 0);
        var auditor = await service.ClientAsync(Roles.Auditor);
        var response = await auditor.PostAsync("/v1/simulations", Body(Stricter));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        for (var i = 0; i < 150; i++)
        {
            var status = JsonDocument.Parse(await auditor.GetStringAsync(location)).RootElement;
            if (status.GetProperty("status").GetString() == "done")
            {
                Assert.Equal(3, status.GetProperty("result").GetProperty("changed").GetArrayLength());
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("the simulation job did not finish within 30 s");
    }

    [Fact]
    public async Task Simulation_InvalidCandidateAndPeriod_ListsEveryProblem()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);
        var response = await auditor.PostAsync("/v1/simulations", Body("policy: x\nversion: \"1\"\nrules:\n  - { id: a, kind: max-areas, limit: 1 sq mi }\n", "last quarter"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("path").GetString() == "$.candidate" && e.GetProperty("line").GetInt32() == 4);
        Assert.Contains(errors, e => e.GetProperty("path").GetString() == "$.period");
    }

    [Fact]
    public async Task Simulation_IsForAuditors()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        Assert.Equal(HttpStatusCode.Forbidden, (await agency.PostAsync("/v1/simulations", Body(Stricter))).StatusCode);
        var auditor = await service.ClientAsync(Roles.Auditor);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync("/v1/simulations/nope")).StatusCode);
    }

    [Fact]
    public async Task Workbook_OfAFinishedSimulation_HoldsItsChangedDecisions()
    {
        await using var service = await WithHistoryAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);
        var done = JsonDocument.Parse(await (await auditor.PostAsync("/v1/simulations", Body(Stricter))).Content.ReadAsStringAsync()).RootElement;
        var address = done.GetProperty("xlsx").GetString()!;
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await auditor.GetByteArrayAsync(address)));
        var changed = done.GetProperty("result").GetProperty("changed").GetArrayLength();
        Assert.True(changed > 0);
        Assert.Equal(changed, workbook.Worksheet("Changed").RowsUsed().Count() - 1);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync("/v1/simulations/nope.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await service.ClientAsync(Roles.Council)).GetAsync(address)).StatusCode);
    }

    [Fact]
    public async Task Validate_CandidateYaml_EveryProblemWithLineAndColumnNothingStored()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);
        var broken = Stricter.Replace("max-area", "max-aera", StringComparison.Ordinal).Replace("limit: 2,", "limit: two,", StringComparison.Ordinal);
        var answer = JsonDocument.Parse(await (await auditor.PostAsync("/v1/policies/validate", new StringContent(broken))).Content.ReadAsStringAsync()).RootElement;
        Assert.False(answer.GetProperty("valid").GetBoolean());
        var problems = answer.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.True(p.GetProperty("line").GetInt32() is 4 or 5 && p.GetProperty("column").GetInt32() > 0));
        Assert.Contains(problems, p => p.GetProperty("message").GetString()!.Contains("max-aera", StringComparison.Ordinal));

        var fine = JsonDocument.Parse(await (await auditor.PostAsync("/v1/policies/validate", new StringContent(Stricter))).Content.ReadAsStringAsync()).RootElement;
        Assert.True(fine.GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await service.ClientAsync(Roles.Agency, "rochester-mn-pd")).PostAsync("/v1/policies/validate", new StringContent(Stricter))).StatusCode);
    }
}
