using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oversight.Log;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Oversight.Worker.Tests.Service;

/// <summary>An insider with write access to the database, against the log's own verification and its alarms.</summary>
public sealed class AuditTests
{
    public static TheoryData<string, string> Tampering => new()
    {
        { "sqlite", "bytes" }, { "sqlite", "column" }, { "sqlite", "delete" }, { "sqlite", "reorder" }, { "sqlite", "truncate" }, { "sqlite", "rewrite" },
        { "postgres", "bytes" }, { "postgres", "delete" }, { "postgres", "rewrite" },
    };

    /// <summary>Four allowed requests, and a checkpoint signed over all four.</summary>
    internal static async Task<TestService> FourEntriesAsync(string provider)
    {
        var service = await TestService.StartAsync(provider);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}", minutes: i)))).StatusCode);
        }

        await service.CheckpointAsync(4);
        return service;
    }

    /// <summary>Changes the database behind the service's back, as an insider would.</summary>
    internal static async Task TamperAsync(TestService service, string tampering)
    {
        await using var db = service.Database.CreateContext();
        var rows = await db.Decisions.OrderBy(d => d.Sequence).ToListAsync();
        switch (tampering)
        {
            case "bytes":
                rows[1].DecisionJson = rows[1].DecisionJson.Replace("\"allow\"", "\"deny\"", StringComparison.Ordinal);
                break;
            case "column":
                rows[1].Outcome = "deny";
                break;
            case "delete":
                db.Decisions.Remove(rows[1]);
                break;
            case "truncate":
                db.Decisions.RemoveRange(rows[2], rows[3]);
                break;
            case "reorder":
                (rows[1].RequestJson, rows[2].RequestJson) = (rows[2].RequestJson, rows[1].RequestJson);
                (rows[1].DecisionJson, rows[2].DecisionJson) = (rows[2].DecisionJson, rows[1].DecisionJson);
                (rows[1].RecordedAtTicks, rows[2].RecordedAtTicks) = (rows[2].RecordedAtTicks, rows[1].RecordedAtTicks);
                (rows[1].LeafHash, rows[2].LeafHash) = (rows[2].LeafHash, rows[1].LeafHash);
                (rows[1].SubmittedAtTicks, rows[2].SubmittedAtTicks) = (rows[2].SubmittedAtTicks, rows[1].SubmittedAtTicks);
                var (second, third) = (rows[1].RequestId, rows[2].RequestId);
                (rows[1].RequestId, rows[2].RequestId) = ("swap-1", "swap-2");
                await db.SaveChangesAsync();
                (rows[1].RequestId, rows[2].RequestId) = (third, second);
                break;
            case "rewrite":
                // Change an entry and give it the leaf hash its new bytes have, as someone covering their tracks would.
                rows[1].DecisionJson = rows[1].DecisionJson.Replace("\"allow\"", "\"deny\"", StringComparison.Ordinal);
                rows[1].Outcome = "deny";
                rows[1].LeafHash = MerkleHash.Leaf(LogRows.Entry(rows[1]));
                break;
        }

        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Verify_IntactLog_ThenTampered_SaysWhatChanged(string provider, string tampering)
    {
        await using var service = await FourEntriesAsync(provider);
        var auditor = await service.ClientAsync(Roles.Auditor);
        var intact = await auditor.GetAsync("/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, intact.StatusCode);
        Assert.True(JsonDocument.Parse(await intact.Content.ReadAsStringAsync()).RootElement.GetProperty("intact").GetBoolean());

        await TamperAsync(service, tampering);

        var broken = await auditor.GetAsync("/v1/audit/verify");
        Assert.Equal(HttpStatusCode.Conflict, broken.StatusCode);
        var result = JsonDocument.Parse(await broken.Content.ReadAsStringAsync()).RootElement;
        Assert.False(result.GetProperty("intact").GetBoolean());
        var message = result.GetProperty("message").GetString()!;
        var expected = tampering switch
        {
            "bytes" => "entry 1: request r-2 of rochester-mn-pd was changed after it was recorded",
            "column" => "entry 1: request r-2 of rochester-mn-pd: its Outcome column says 'deny', the entry says 'allow'",
            "delete" => "entry 1: missing",
            "truncate" => "entries were removed from its end",
            _ => "no longer hash to the root",
        };
        Assert.Contains(expected, message, StringComparison.Ordinal);
        if (tampering is "bytes" or "column" or "delete")
        {
            Assert.Equal(2, result.GetProperty("firstBadSequence").GetInt64());
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Restart_AfterColumnsWereChanged_RaisesTheAlarm_AndTheQuotaStillHolds(string provider)
    {
        var temp = new TestService.Temp();
        var db = await TestService.NewDatabaseAsync(provider, temp);
        var first = await TestService.StartAsync(provider, db, temp);
        var key = await first.KeyAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("\"decision\":\"allow\"", await (await first.Client(key).PostAsync("/v1/requests", TestService.Json(TestService.Request($"q-{i}", minutes: i)))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await first.CheckpointAsync(5);
        await first.StopAsync();
        await using (var context = DatabaseTarget.Parse(db).CreateContext())
        {
            // Mark every allowed request denied in the column the old index read: with it, the agency's quota would be free again.
            await context.Decisions.ExecuteUpdateAsync(s => s.SetProperty(d => d.Outcome, "deny"));
        }

        await using var second = await TestService.StartAsync(provider, db, temp);
        var health = JsonDocument.Parse(await second.Client().GetStringAsync("/healthz")).RootElement;
        Assert.Equal("alarm", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("alarms").EnumerateArray(), a => a.GetString()!.Contains("its Outcome column says 'deny', the entry says 'allow'", StringComparison.Ordinal));

        var sixth = await second.Client(key).PostAsync("/v1/requests", TestService.Json(TestService.Request("q-5", minutes: 6)));
        Assert.Contains("\"decision\":\"deny\"", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_AfterAnEntryWasRewritten_RaisesTheAlarmAgainstTheSignedCheckpoint()
    {
        var temp = new TestService.Temp();
        var db = await TestService.NewDatabaseAsync("sqlite", temp);
        var first = await FourEntriesAsync2(db, temp);
        await TamperAsync(first, "rewrite");
        await first.StopAsync();

        await using var second = await TestService.StartAsync("sqlite", db, temp);
        var health = JsonDocument.Parse(await second.Client().GetStringAsync("/healthz")).RootElement;
        Assert.Equal("alarm", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("alarms").EnumerateArray(), a => a.GetString()!.Contains("no longer hash to the root signed for them", StringComparison.Ordinal));
    }

    private static async Task<TestService> FourEntriesAsync2(string db, TestService.Temp temp)
    {
        var service = await TestService.StartAsync("sqlite", db, temp);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 1; i <= 4; i++)
        {
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}", minutes: i)));
        }

        await service.CheckpointAsync(4);
        return service;
    }

    [Fact]
    public async Task AgencyColumnChanged_GivesNoOtherAgencyTheRequest_AndRaisesTheAlarm()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var a = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var b = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        await a.PostAsync("/v1/requests", TestService.Json(TestService.Request("secret-1")));
        await using (var db = service.Database.CreateContext())
        {
            await db.Decisions.ExecuteUpdateAsync(s => s.SetProperty(d => d.Agency, "olmsted-county-so"));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/v1/requests/secret-1")).StatusCode);
        Assert.DoesNotContain("secret-1", await b.GetStringAsync("/v1/requests"), StringComparison.Ordinal);
        var health = JsonDocument.Parse(await service.Client().GetStringAsync("/healthz")).RootElement;
        Assert.Equal("alarm", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TamperedRow_ReadManyTimes_IsOneAlarmWithItsCount()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var a = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var b = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        await a.PostAsync("/v1/requests", TestService.Json(TestService.Request("read-1")));
        await using (var db = service.Database.CreateContext())
        {
            await db.Decisions.ExecuteUpdateAsync(s => s.SetProperty(d => d.Agency, "olmsted-county-so"));
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/v1/requests/read-1")).StatusCode);
        }

        var alarms = JsonDocument.Parse(await service.Client().GetStringAsync("/healthz")).RootElement.GetProperty("alarms")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        var alarm = Assert.Single(alarms);
        Assert.Contains("its Agency column says 'olmsted-county-so'", alarm, StringComparison.Ordinal);
        Assert.EndsWith("(raised 50 times)", alarm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetectionJob_ReadsWhatTheEntriesSay_NotTheOutcomeColumn()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 0; i < 3; i++)
        {
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"d-{i}", minutes: i)));
        }

        await using (var db = service.Database.CreateContext())
        {
            await db.Decisions.ExecuteUpdateAsync(s => s.SetProperty(d => d.Outcome, "deny"));
        }

        var job = service.App.Services.GetRequiredService<Oversight.Worker.Service.Jobs.DetectionJob>();
        var run = await job.RunAsync(full: true, CancellationToken.None);

        Assert.Equal(3, run!.Requests);
    }
}
