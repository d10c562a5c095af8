using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Oversight.Worker.Tests.Cli;

namespace Oversight.Worker.Tests.Service;

/// <summary>The real <c>oversight serve</c> process, as an operator runs it.</summary>
public sealed class ServeProcessTests
{
    [Fact]
    public async Task Serve_KeysCreate_Submit_AuditVerify_ThroughTheRealExecutable()
    {
        using var temp = new OversightProcess.TempFolder();
        var db = Path.Combine(temp.Path, "oversight.db");
        var port = PostgresServer.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = OversightProcess.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(OversightProcess.Folder, "oversight.dll"), "serve", "--urls", url, "--db", db, "--policies", "policies" })
        {
            start.ArgumentList.Add(arg);
        }

        using var server = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        server.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        server.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            await WaitForHealthAsync(http, server, log);
            lock (log)
            {
                Assert.Contains($"Oversight is listening on {url}", log.ToString(), StringComparison.Ordinal);
                // The banner's command runs this very program from the folder it was started in.
                Assert.Contains($"make a first key: dotnet ./oversight.dll keys create --role admin --db \"{db}\"", log.ToString(), StringComparison.Ordinal);
            }

            var created = OversightProcess.Run("keys", "create", "--role", "agency", "--agency", "rochester-mn-pd", "--db", db);
            Assert.Equal(0, created.ExitCode);
            var key = created.Out.Trim();
            Assert.StartsWith("ovk_", key, StringComparison.Ordinal);

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var request = File.ReadAllText(Path.Combine(OversightProcess.Folder, "samples", "request.json"));
            var response = await http.PostAsync("/v1/requests", TestService.Json(request));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Contains("\"decision\":\"allow\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            lock (log)
            {
                // Quiet by default: no line per HTTP request or database command (that is --verbose).
                Assert.DoesNotContain("Request starting", log.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("Executed DbCommand", log.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        var verified = OversightProcess.Run("audit", "verify", "--db", db);
        Assert.Equal(0, verified.ExitCode);
        Assert.StartsWith("intact: 1 entry;", verified.Out, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE decisions SET \"DecisionJson\" = replace(\"DecisionJson\", '\"allow\"', '\"deny\"')";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var broken = OversightProcess.Run("audit", "verify", "--db", db);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("entry 1: request RPD-REQ-000123 was altered", broken.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_PortAlreadyTaken_OneLineExit2()
    {
        using var temp = new OversightProcess.TempFolder();
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var result = OversightProcess.Run("serve", "--urls", $"http://127.0.0.1:{port}", "--db", Path.Combine(temp.Path, "o.db"), "--policies", "policies");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"oversight serve: cannot listen on http://127.0.0.1:{port}: the address is already in use", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Out + result.Error, StringComparison.Ordinal);
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process server, System.Text.StringBuilder log)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("oversight serve exited: " + log);
            }

            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("oversight serve did not answer /healthz within 60 s: " + log);
    }
}
