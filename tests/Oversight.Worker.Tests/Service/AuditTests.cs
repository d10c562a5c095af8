using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

public sealed class AuditTests
{
    public static TheoryData<string, string> Tampering => new()
    {
        { "sqlite", "edit" }, { "sqlite", "delete" }, { "sqlite", "reorder" },
        { "postgres", "edit" }, { "postgres", "delete" }, { "postgres", "reorder" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Verify_IntactLog_ThenTampered_NamesTheFirstBadEntry(string provider, string tampering)
    {
        await using var service = await TestService.StartAsync(provider);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 1; i <= 4; i++)
        {
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}", minutes: i)));
        }

        var auditor = await service.ClientAsync(Roles.Auditor);
        var intact = await auditor.GetAsync("/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, intact.StatusCode);
        Assert.True(JsonDocument.Parse(await intact.Content.ReadAsStringAsync()).RootElement.GetProperty("intact").GetBoolean());

        await using (var db = service.Database.CreateContext())
        {
            switch (tampering)
            {
                case "edit":
                    var entry = await db.Decisions.SingleAsync(d => d.Sequence == 2);
                    entry.DecisionJson = entry.DecisionJson.Replace("\"allow\"", "\"deny\"", StringComparison.Ordinal);
                    break;
                case "delete":
                    db.Decisions.Remove(await db.Decisions.SingleAsync(d => d.Sequence == 2));
                    break;
                case "reorder":
                    var b = await db.Decisions.SingleAsync(d => d.Sequence == 2);
                    var c = await db.Decisions.SingleAsync(d => d.Sequence == 3);
                    (b.RequestJson, c.RequestJson) = (c.RequestJson, b.RequestJson);
                    (b.DecisionJson, c.DecisionJson) = (c.DecisionJson, b.DecisionJson);
                    (b.Hash, c.Hash) = (c.Hash, b.Hash);
                    (b.PreviousHash, c.PreviousHash) = (c.PreviousHash, b.PreviousHash);
                    (b.RequestId, c.RequestId) = ("swap-" + c.RequestId, "swap-" + b.RequestId);
                    break;
            }

            await db.SaveChangesAsync();
        }

        var broken = await auditor.GetAsync("/v1/audit/verify");
        Assert.Equal(HttpStatusCode.Conflict, broken.StatusCode);
        var result = JsonDocument.Parse(await broken.Content.ReadAsStringAsync()).RootElement;
        Assert.False(result.GetProperty("intact").GetBoolean());
        Assert.Equal(2, result.GetProperty("firstBadSequence").GetInt64());
        Assert.StartsWith("entry 2:", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ChainRewrittenAfterAnAudit_IsDetectedAgainstTheRecordedHead()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 1; i <= 3; i++)
        {
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}", minutes: i)));
        }

        var auditor = await service.ClientAsync(Roles.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/v1/audit/verify")).StatusCode);

        // Edit entry 2 and recompute every hash after it, as someone covering their tracks would.
        await using (var db = service.Database.CreateContext())
        {
            var entries = await db.Decisions.OrderBy(d => d.Sequence).ToListAsync();
            entries[1].DecisionJson = entries[1].DecisionJson.Replace("\"allow\"", "\"deny\"", StringComparison.Ordinal);
            var previous = entries[0].Hash;
            foreach (var entry in entries.Skip(1))
            {
                entry.PreviousHash = previous;
                entry.Hash = DecisionChain.Hash(previous, entry.RequestJson, entry.DecisionJson, entry.PolicySha256);
                previous = entry.Hash;
            }

            await db.SaveChangesAsync();
        }

        var broken = await auditor.GetAsync("/v1/audit/verify");
        Assert.Equal(HttpStatusCode.Conflict, broken.StatusCode);
        Assert.Contains("rewritten", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
