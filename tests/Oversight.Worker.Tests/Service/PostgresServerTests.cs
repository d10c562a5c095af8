using System.Diagnostics;

namespace Oversight.Worker.Tests.Service;

/// <summary>The throwaway PostgreSQL's folder goes away even when the test host is killed.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task Watch_WatchedProcessKilled_RemovesTheFolder()
    {
        var folder = Directory.CreateTempSubdirectory("oversight-watch-test-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "data"), "stands for the server's files");
        using var host = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;

        PostgresServer.Watch(host.Id, folder, "true");
        await Task.Delay(300);
        Assert.True(Directory.Exists(folder), "the folder stays while its owner lives");
        host.Kill();

        for (var i = 0; i < 100 && Directory.Exists(folder); i++)
        {
            await Task.Delay(100);
        }

        Assert.False(Directory.Exists(folder), "the watchdog removes the folder once its owner is gone");
    }
}
