using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Log;
using Oversight.Worker.Service.Jobs;
using Oversight.Worker.Tests.Cli;

namespace Oversight.Worker.Tests.Service.Log;

/// <summary>A witness of a real log process: it cosigns what is consistent and refuses a log that rewrote its history.</summary>
public sealed class WitnessTests
{
    private static string Now(int hours = 0) => DateTimeOffset.UtcNow.AddHours(hours).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string RequestNow(string id) => TestService.Request(id)
        .Replace("2026-08-01T12:00:00Z", Now(), StringComparison.Ordinal)
        .Replace("2026-08-01T01:00:00Z", Now(-6), StringComparison.Ordinal)
        .Replace("2026-08-01T05:00:00Z", Now(-2), StringComparison.Ordinal);

    private static async Task SubmitAsync(ServeProcess log, string db, string id)
    {
        var key = OversightProcess.Run("keys", "create", "--role", "agency", "--agency", "rochester-mn-pd", "--db", db).Out.Trim();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/requests") { Content = TestService.Json(RequestNow(id)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.Created, (await log.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Witness_CosignsAConsistentLog_AndRefusesOneThatRewroteItsHistory()
    {
        using var temp = new OversightProcess.TempFolder();
        var db = Path.Combine(temp.Path, "oversight.db");
        var logKey = Path.Combine(temp.Path, "log.key");
        var witnessKey = Path.Combine(temp.Path, "witness.key");
        var state = Path.Combine(temp.Path, "witness-state");
        OversightProcess.Run("log", "key", "create", "--out", logKey, "--name", "oversight.test/decisions");
        var witnessVkey = OversightProcess.Run("log", "key", "create", "--witness", "--out", witnessKey, "--name", "witness.test/1").Out.Trim();
        Assert.True(NoteKey.TryParse(witnessVkey, out var witness, out _));
        var backup = Path.Combine(temp.Path, "backup.db");

        await using (var log = await ServeProcess.StartAsync("--db", db, "--log-key", logKey, "--accept-witness", witnessVkey))
        {
            await SubmitAsync(log, db, "w-1");
            await log.CheckpointAsync(1);
            var first = OversightProcess.Run("log", "witness", "--log", log.Url, "--key", witnessKey, "--state", state);
            Assert.True(first.ExitCode == 0, first.Error + first.Out);
            Assert.Contains("cosigned oversight.test/decisions at size 1", first.Out, StringComparison.Ordinal);
            Assert.True(SignedNote.TryParse(await log.Http.GetStringAsync("/v1/log/checkpoint"), out var served, out _));
            Assert.NotNull(witness!.CosignedAt(served!));

            await SubmitAsync(log, db, "w-2");
            await log.CheckpointAsync(2);
            var second = OversightProcess.Run("log", "witness", "--log", log.Url, "--key", witnessKey, "--state", state);
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("consistent with size 1", second.Out, StringComparison.Ordinal);
        }

        // Someone restores the log as it was at one entry and carries on: the history forks at size 2.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM decisions WHERE \"Sequence\" > 1; DELETE FROM checkpoints WHERE \"TreeSize\" > 1; DELETE FROM cosignatures WHERE \"TreeSize\" > 1;";
            await command.ExecuteNonQueryAsync();
        }

        await using (var log = await ServeProcess.StartAsync("--db", db, "--log-key", logKey, "--accept-witness", witnessVkey))
        {
            await SubmitAsync(log, db, "w-2-again");
            await log.CheckpointAsync(2);
            var refused = OversightProcess.Run("log", "witness", "--log", log.Url, "--key", witnessKey, "--state", state);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("a different root at size 2", refused.Out, StringComparison.Ordinal);
            Assert.True(SignedNote.TryParse(await log.Http.GetStringAsync("/v1/log/checkpoint"), out var served, out _));
            Assert.Null(witness!.CosignedAt(served!));
        }
    }

    [Fact]
    public async Task WitnessJob_OfASecondService_CosignsTheFirstServicesLog()
    {
        using var temp = new OversightProcess.TempFolder();
        var db = Path.Combine(temp.Path, "oversight.db");
        var logKey = Path.Combine(temp.Path, "log.key");
        var witnessKey = Path.Combine(temp.Path, "witness.key");
        OversightProcess.Run("log", "key", "create", "--out", logKey, "--name", "oversight.test/decisions");
        var witnessVkey = OversightProcess.Run("log", "key", "create", "--witness", "--out", witnessKey, "--name", "witness.test/city-2").Out.Trim();
        await using var log = await ServeProcess.StartAsync("--db", db, "--log-key", logKey, "--accept-witness", witnessVkey);
        await SubmitAsync(log, db, "j-1");
        await log.CheckpointAsync(1);

        await using var second = await TestService.StartAsync("sqlite", tune: o => o with
        {
            Log = o.Log with { WitnessOf = log.Url, WitnessKeyFile = witnessKey, WitnessState = Path.Combine(temp.Path, "job-state") },
        });
        var round = await second.App.Services.GetRequiredService<WitnessJob>().RunAsync(CancellationToken.None);

        Assert.NotNull(round);
        Assert.True(round!.Cosigned, round.Message);
        Assert.True(NoteKey.TryParse(witnessVkey, out var witness, out _));
        Assert.True(SignedNote.TryParse(await log.Http.GetStringAsync("/v1/log/checkpoint"), out var served, out _));
        Assert.NotNull(witness!.CosignedAt(served!));
    }
}
