using System.Net;
using System.Text.Json;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

public sealed class PolicyReloadTests
{
    private static async Task<JsonElement> PoliciesAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/v1/policies")).RootElement;

    private static string ActiveSha(JsonElement list) =>
        list.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("active").GetBoolean()).GetProperty("sha256").GetString()!;

    private static async Task<JsonElement> EventuallyAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            var list = await PoliciesAsync(client);
            if (condition(list))
            {
                return list;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the policy store did not reload within 10 s");
    }

    [Fact]
    public async Task Edit_IsLoaded_InvalidEditIsRefusedAndLastGoodStaysActive()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var client = await service.ClientAsync(Roles.Auditor);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var before = ActiveSha(await PoliciesAsync(client));
        var file = Path.Combine(service.PoliciesFolder, "test-limits.yaml");

        await File.WriteAllTextAsync(file, TestService.LimitsPolicy.Replace("limit: 0.5 sq mi", "limit: 0.01 sq mi", StringComparison.Ordinal));
        var edited = ActiveSha(await EventuallyAsync(client, list => ActiveSha(list) != before));
        var denied = await agency.PostAsync("/v1/requests/check", TestService.Json(TestService.Request("x")));
        var decision = JsonDocument.Parse(await denied.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("deny", decision.GetProperty("decision").GetString());
        Assert.Equal(edited, decision.GetProperty("policy").GetProperty("sha256").GetString());

        await File.WriteAllTextAsync(file, TestService.LimitsPolicy.Replace("kind: max-area", "kind: max-areaa", StringComparison.Ordinal));
        var refused = await EventuallyAsync(client, list => list.GetProperty("refused").GetArrayLength() > 0);
        Assert.Contains("unknown rule kind 'max-areaa'", refused.GetProperty("refused")[0].GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(edited, ActiveSha(refused));
    }

    /// <summary>The typo that used to take the service down: a rule line missing its closing brace.</summary>
    private static string Broken(string yaml) => yaml.Replace("limit: 0.5 sq mi }", "limit: 0.5 sq mi", StringComparison.Ordinal);

    private static JsonElement Policy(JsonElement list, string id) =>
        list.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Start_WithABrokenFile_StartsAndListsItRefused()
    {
        await using var service = await TestService.StartAsync("sqlite", preparePolicies: folder =>
            File.WriteAllText(Path.Combine(folder, "typo.yaml"), Broken(TestService.LimitsPolicy.Replace("test-limits", "typo", StringComparison.Ordinal))));
        var client = await service.ClientAsync(Roles.Auditor);

        var list = await PoliciesAsync(client);

        var refused = Assert.Single(list.GetProperty("refused").EnumerateArray());
        Assert.Equal("typo.yaml", refused.GetProperty("file").GetString());
        Assert.Contains("typo.yaml:5:5: not valid YAML: this '{' is not closed", refused.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("test-limits", list.GetProperty("active").GetString());
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        Assert.Equal(HttpStatusCode.OK, (await agency.PostAsync("/v1/requests/check", TestService.Json(TestService.Request("x")))).StatusCode);
    }

    [Fact]
    public async Task ActiveFileBrokenThenRemoved_LastGoodStaysActive_NeverAnotherPolicy()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var client = await service.ClientAsync(Roles.Auditor);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var before = ActiveSha(await PoliciesAsync(client));
        var file = Path.Combine(service.PoliciesFolder, "test-limits.yaml");

        await File.WriteAllTextAsync(file, Broken(TestService.LimitsPolicy));
        var refused = await EventuallyAsync(client, list => list.GetProperty("refused").GetArrayLength() > 0);
        Assert.Equal(before, ActiveSha(refused));
        Assert.Contains("was refused", Policy(refused, "test-limits").GetProperty("problem").GetString(), StringComparison.Ordinal);

        File.Delete(file);
        var removed = await EventuallyAsync(client, list => list.GetProperty("refused").GetArrayLength() == 0);
        Assert.Equal("test-limits", removed.GetProperty("active").GetString());
        Assert.Equal(before, ActiveSha(removed));
        Assert.Contains("no policy file defines it", Policy(removed, "test-limits").GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Contains(service.LogLines, line => line.Contains("Error", StringComparison.Ordinal) && line.Contains("Active policy test-limits: no policy file defines it", StringComparison.Ordinal));

        var response = await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("after-delete")));
        var decision = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("test-limits", decision.GetProperty("policy").GetProperty("id").GetString());
        Assert.Equal(before, decision.GetProperty("policy").GetProperty("sha256").GetString());

        await File.WriteAllTextAsync(file, TestService.LimitsPolicy);
        var back = await EventuallyAsync(client, list => Policy(list, "test-limits").GetProperty("problem").ValueKind == JsonValueKind.Null);
        Assert.Equal(before, ActiveSha(back));
    }

    [Fact]
    public async Task SecondFileWithTheSameId_IsRefused()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var client = await service.ClientAsync(Roles.Auditor);
        var before = ActiveSha(await PoliciesAsync(client));

        await File.WriteAllTextAsync(Path.Combine(service.PoliciesFolder, "a-copy.yaml"), TestService.LimitsPolicy.Replace("limit: 5", "limit: 500", StringComparison.Ordinal));
        var list = await EventuallyAsync(client, l => l.GetProperty("refused").GetArrayLength() > 0);

        var refused = Assert.Single(list.GetProperty("refused").EnumerateArray());
        Assert.Equal("a-copy.yaml", refused.GetProperty("file").GetString());
        Assert.Contains("policy id 'test-limits' is already loaded from test-limits.yaml", refused.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, ActiveSha(list));
    }

    [Fact]
    public async Task Simulation_CandidateWithUnclosedBrace_Answers400NotServerError()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);
        var body = JsonSerializer.Serialize(new { candidate = Broken(TestService.LimitsPolicy), period = "2026Q3" });

        var response = await auditor.PostAsync("/v1/simulations", TestService.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains("is not closed", StringComparison.Ordinal), text);
    }
}
