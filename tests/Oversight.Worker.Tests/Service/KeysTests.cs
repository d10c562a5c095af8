using System.Net;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Tests.Cli;

namespace Oversight.Worker.Tests.Service;

/// <summary>Keys are listed and revoked with the CLI against the database a running service uses.</summary>
public sealed class KeysTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task KeysRevoke_WhileServing_NextCallIsRefused(string provider)
    {
        await using var service = await TestService.StartAsync(provider);
        var key = await service.KeyAsync(Roles.Auditor);
        var client = service.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/policies")).StatusCode);

        var list = OversightProcess.Run("keys", "list", "--db", service.Options.Db!);
        Assert.Equal(0, list.ExitCode);
        var row = list.Out.Split('\n').Single(l => l.Contains("auditor", StringComparison.Ordinal));
        var id = row.Trim().Split(' ')[0];
        Assert.Contains("active", row, StringComparison.Ordinal);

        var revoked = OversightProcess.Run("keys", "revoke", id, "--db", service.Options.Db!);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains($"revoked key {id} (auditor)", revoked.Out, StringComparison.Ordinal);

        // No grace period: the very next call is refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/policies")).StatusCode);
        var again = OversightProcess.Run("keys", "revoke", id, "--db", service.Options.Db!);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("was already revoked", again.Out, StringComparison.Ordinal);
        Assert.Contains("revoked 20", OversightProcess.Run("keys", "list", "--db", service.Options.Db!).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysList_NeverShowsTheKey_ButShowsItsUse()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var key = await service.KeyAsync(Roles.Agency, "rochester-mn-pd");
        var used = service.Client(key);
        await used.GetAsync("/v1/policies");

        // The last use is written off the request's path: wait for it.
        var listed = string.Empty;
        for (var i = 0; i < 50; i++)
        {
            listed = OversightProcess.Run("keys", "list", "--db", service.Options.Db!).Out;
            if (!listed.Split('\n').Single(l => l.Contains("rochester-mn-pd", StringComparison.Ordinal)).Contains("never", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("ovk_", listed, StringComparison.Ordinal);
        Assert.StartsWith("id  role", listed.TrimStart(), StringComparison.Ordinal);
        var row = listed.Split('\n').Single(l => l.Contains("rochester-mn-pd", StringComparison.Ordinal));
        Assert.Matches(@"agency\s+rochester-mn-pd\s+-\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+active", row);
    }

    [Fact]
    public void KeysRevoke_NoSuchKey_Exit2()
    {
        using var temp = new OversightProcess.TempFolder();
        var db = Path.Combine(temp.Path, "o.db");
        Assert.Equal(0, OversightProcess.Run("keys", "create", "--role", "admin", "--db", db).ExitCode);
        var result = OversightProcess.Run("keys", "revoke", "99", "--db", db);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no key with id 99", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysCreate_Article_IsEnglish()
    {
        using var temp = new OversightProcess.TempFolder();
        var result = OversightProcess.Run("keys", "create", "--role", "agency", "--agency", "rochester-mn-pd", "--db", Path.Combine(temp.Path, "o.db"));
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Created an agency key for rochester-mn-pd", result.Error, StringComparison.Ordinal);
    }
}
