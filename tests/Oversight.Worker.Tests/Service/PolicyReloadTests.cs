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
}
