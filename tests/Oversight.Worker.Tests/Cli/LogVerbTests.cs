using System.Net;
using Microsoft.EntityFrameworkCore;
using Oversight.Log;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Tests.Service;

namespace Oversight.Worker.Tests.Cli;

/// <summary>
/// The log verbs through the real executable, as an auditor or a resident would run them against a
/// database an insider may have changed, or a file handed to them.
/// </summary>
public sealed class LogVerbTests
{
    /// <summary>A SQLite log of four entries with a checkpoint over them saved as a file, and the log's verifier key.</summary>
    private static async Task<(string Db, string Checkpoint, string Key, TestService.Temp Temp)> LogOfFourAsync()
    {
        var temp = new TestService.Temp();
        var db = await TestService.NewDatabaseAsync("sqlite", temp);
        // Stopped, not disposed: disposing a test service removes its folder, and the database is in it.
        var service = await TestService.StartAsync("sqlite", db, temp);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}", minutes: i)))).StatusCode);
        }

        var checkpoint = Path.Combine(temp.Path, "checkpoint-4.txt");
        File.WriteAllText(checkpoint, await service.CheckpointAsync(4));
        var key = Path.Combine(temp.Path, "log.vkey");
        File.WriteAllText(key, service.LogVerifierKey);
        await service.StopAsync();
        return (db, checkpoint, key, temp);
    }

    [Theory]
    [InlineData("bytes", "entry 1: request r-2 of rochester-mn-pd was changed after it was recorded")]
    [InlineData("column", "its Outcome column says 'deny', the entry says 'allow'")]
    [InlineData("delete", "entry 1: missing")]
    [InlineData("truncate", "the log has 2 entries, but the checkpoint in")]
    [InlineData("reorder", "no longer hash to the root of the checkpoint in")]
    [InlineData("rewrite", "no longer hash to the root of the checkpoint in")]
    public async Task AuditVerify_EveryTampering_IsFoundAgainstACheckpointPublishedBefore(string tampering, string expected)
    {
        var (db, checkpoint, key, temp) = await LogOfFourAsync();
        using (temp)
        {
            var intact = OversightProcess.Run("audit", "verify", "--db", db, "--checkpoint", checkpoint, "--key", key);
            Assert.Equal(0, intact.ExitCode);
            Assert.Contains("consistent with the checkpoint given", intact.Out, StringComparison.Ordinal);

            // An insider covering their tracks also removes the checkpoints the log stored itself.
            var tamperer = await TestService.StartAsync("sqlite", db, temp);
            await AuditTests.TamperAsync(tamperer, tampering);
            await tamperer.StopAsync();

            await using (var context = DatabaseTarget.Parse(db).CreateContext())
            {
                await context.Checkpoints.ExecuteDeleteAsync();
            }

            var broken = OversightProcess.Run("audit", "verify", "--db", db, "--checkpoint", checkpoint, "--key", key);

            Assert.Equal(1, broken.ExitCode);
            Assert.Contains(expected, broken.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AuditVerify_OlderBackupRestored_IsFoundAgainstALaterCheckpoint()
    {
        var temp = new TestService.Temp();
        var db = await TestService.NewDatabaseAsync("sqlite", temp);
        var backup = Path.Combine(temp.Path, "backup.db");
        var first = await TestService.StartAsync("sqlite", db, temp);
        var agency = await first.ClientAsync(Roles.Agency, "rochester-mn-pd");
        await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-1")));
        await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-2")));
        await first.CheckpointAsync(2);
        await first.StopAsync();

        // A backup as an operator takes one (SQLite's backup API): what is still in the write-ahead
        // log is included, whether or not a connection of the stopped service is still closing.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        using (var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            source.Open();
            copy.Open();
            source.BackupDatabase(copy);
        }
        string later;
        var second = await TestService.StartAsync("sqlite", db, temp);
        await second.Client(await second.KeyAsync(Roles.Agency, "rochester-mn-pd")).PostAsync("/v1/requests", TestService.Json(TestService.Request("r-3", minutes: 1)));
        later = await second.CheckpointAsync(3);
        File.WriteAllText(Path.Combine(temp.Path, "log.vkey"), second.LogVerifierKey);
        await second.StopAsync();

        File.WriteAllText(Path.Combine(temp.Path, "checkpoint-3.txt"), later);
        var restored = OversightProcess.Run("audit", "verify", "--db", backup, "--checkpoint", Path.Combine(temp.Path, "checkpoint-3.txt"), "--key", Path.Combine(temp.Path, "log.vkey"));

        Assert.Equal(1, restored.ExitCode);
        Assert.Contains("the log has 2 entries, but the checkpoint in", restored.Out, StringComparison.Ordinal);
        Assert.Contains("an older copy of the log was restored", restored.Out, StringComparison.Ordinal);
        temp.Dispose();
    }

    [Fact]
    public async Task ExportThenVerify_OffTheDatabase_IsIntact_AndTheExportFindsLaterTampering()
    {
        var (db, checkpoint, key, temp) = await LogOfFourAsync();
        using (temp)
        {
            var export = Path.Combine(temp.Path, "log.jsonl");
            var exported = OversightProcess.Run("log", "export", "--db", db, "--out", export);
            Assert.Equal(0, exported.ExitCode);
            Assert.Contains("4 entries", exported.Error, StringComparison.Ordinal);

            var verified = OversightProcess.Run("audit", "verify", "--export", export, "--checkpoint", checkpoint, "--key", key);
            Assert.Equal(0, verified.ExitCode);
            Assert.StartsWith("intact: 4 entries", verified.Out, StringComparison.Ordinal);

            var lines = File.ReadAllLines(export);
            lines[2] = lines[2].Replace("\\\"allow\\\"", "\\\"deny\\\"", StringComparison.Ordinal).Replace("\"allow\"", "\"deny\"", StringComparison.Ordinal);
            File.WriteAllLines(export, lines);
            var tampered = OversightProcess.Run("audit", "verify", "--export", export, "--key", key);
            Assert.Equal(1, tampered.ExitCode);
            Assert.Contains("entry 1", tampered.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--checkpoint", "no-such-file.txt", "cannot read")]
    [InlineData("--key", "not-a-key", "a verifier key is name+hex key id+base64 key")]
    public async Task AuditVerify_UnusableInput_Exits2SayingWhy(string option, string value, string expected)
    {
        var (db, _, key, temp) = await LogOfFourAsync();
        using (temp)
        {
            var args = option == "--key" ? new[] { "audit", "verify", "--db", db, "--key", value } : ["audit", "verify", "--db", db, "--key", key, option, value];
            var result = OversightProcess.Run(args);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AuditVerify_CheckpointSignedByAnotherKey_IsNotTrusted()
    {
        var (db, checkpoint, _, temp) = await LogOfFourAsync();
        using (temp)
        {
            using var other = NoteSigner.Generate(TestService.LogOrigin, NoteKeyType.Ed25519);
            var result = OversightProcess.Run("audit", "verify", "--db", db, "--checkpoint", checkpoint, "--key", other.Public.VerifierKey);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("is not signed by oversight.test/decisions", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AuditReceipt_HoldsOffline_AndATamperedReceiptDoesNot()
    {
        using var temp = new TestService.Temp();
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-1")));
        await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-2")));
        await service.CheckpointAsync(2);
        var receipt = temp.Path + "/receipt.json";
        File.WriteAllText(receipt, await agency.GetStringAsync("/v1/requests/r-1/receipt"));
        var checkpoint = temp.Path + "/checkpoint.txt";
        File.WriteAllText(checkpoint, await service.Client().GetStringAsync("/v1/log/checkpoint"));

        var holds = OversightProcess.Run("audit", "receipt", receipt, "--key", service.LogVerifierKey, "--checkpoint", checkpoint);
        Assert.Equal(0, holds.ExitCode);
        Assert.StartsWith("holds: entry 0 is in oversight.test/decisions", holds.Out, StringComparison.Ordinal);

        Assert.True(ProofJson.TryReadReceipt(File.ReadAllText(receipt), out var read, out _));
        var otherLeaf = Convert.ToBase64String(MerkleHash.Leaf([9]));
        File.WriteAllText(receipt, File.ReadAllText(receipt).Replace(Convert.ToBase64String(read!.LeafHash), otherLeaf, StringComparison.Ordinal));
        var forged = OversightProcess.Run("audit", "receipt", receipt, "--key", service.LogVerifierKey);
        Assert.Equal(1, forged.ExitCode);
        Assert.Contains("does not hold", forged.Out, StringComparison.Ordinal);

        File.WriteAllText(receipt, "{\"leafIndex\":");
        Assert.Equal(2, OversightProcess.Run("audit", "receipt", receipt, "--key", service.LogVerifierKey).ExitCode);
    }

    [Fact]
    public void LogKeyCreate_WritesAKeyOnlyItsOwnerReads_AndNeverOverwrites()
    {
        using var temp = new OversightProcess.TempFolder();
        var file = Path.Combine(temp.Path, "log.key");
        var created = OversightProcess.Run("log", "key", "create", "--out", file, "--name", "oversight.rochester-mn/decisions");
        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith("oversight.rochester-mn/decisions+", created.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.True(NoteSigner.TryParse(File.ReadAllText(file), out var signer, out _));
        signer!.Dispose();

        var again = OversightProcess.Run("log", "key", "create", "--out", file);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("is never overwritten", again.Error, StringComparison.Ordinal);
    }
}
