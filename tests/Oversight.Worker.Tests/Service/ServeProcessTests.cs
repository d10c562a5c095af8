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
        var keyFile = Path.Combine(temp.Path, "log.key");
        var vkey = OversightProcess.Run("log", "key", "create", "--out", keyFile, "--name", "oversight.test/decisions").Out.Trim();
        await using (var server = await ServeProcess.StartAsync("--db", db, "--log-key", keyFile))
        {
            var http = server.Http;
            var url = server.Url;
            var log = server.Output;
            {
                Assert.Contains($"Oversight is listening on {url}", log, StringComparison.Ordinal);
                // The banner's command runs this very program from the folder it was started in.
                Assert.Contains($"make a first key: dotnet ./oversight.dll keys create --role admin --db \"{db}\"", log, StringComparison.Ordinal);
                Assert.Contains("checkpoints signed as oversight.test/decisions", log, StringComparison.Ordinal);
            }

            var created = OversightProcess.Run("keys", "create", "--role", "agency", "--agency", "rochester-mn-pd", "--db", db);
            Assert.Equal(0, created.ExitCode);
            var key = created.Out.Trim();
            Assert.StartsWith("ovk_", key, StringComparison.Ordinal);

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            // The service's own clock decides when a request is made, so the sample is sent as made now.
            var now = DateTimeOffset.UtcNow;
            string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            var request = File.ReadAllText(Path.Combine(OversightProcess.Folder, "samples", "request.json"))
                .Replace("2026-08-01T14:00:00Z", Time(now), StringComparison.Ordinal)
                .Replace("2026-08-01T01:00:00Z", Time(now.AddHours(-13)), StringComparison.Ordinal)
                .Replace("2026-08-01T05:00:00Z", Time(now.AddHours(-9)), StringComparison.Ordinal);
            var response = await http.PostAsync("/v1/requests", TestService.Json(request));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Contains("\"decision\":\"allow\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // The web server's own body limit, met by a body sent without a length, is a 413 too.
            var chunked = await http.PostAsync("/v1/requests", ProbingAttackTests.Chunked(new string(' ', 2 << 20) + request));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
            File.WriteAllText(Path.Combine(temp.Path, "checkpoint.txt"), await server.CheckpointAsync(1));

            // Quiet by default: no line per HTTP request or database command (that is --verbose).
            Assert.DoesNotContain("Request starting", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Executed DbCommand", server.Output, StringComparison.Ordinal);
        }

        var verified = OversightProcess.Run("audit", "verify", "--db", db, "--checkpoint", Path.Combine(temp.Path, "checkpoint.txt"), "--key", vkey);
        Assert.Equal(0, verified.ExitCode);
        Assert.StartsWith("intact: 1 entry", verified.Out, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE decisions SET \"DecisionJson\" = replace(\"DecisionJson\", '\"allow\"', '\"deny\"')";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var broken = OversightProcess.Run("audit", "verify", "--db", db, "--checkpoint", Path.Combine(temp.Path, "checkpoint.txt"), "--key", vkey);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("entry 0: request RPD-REQ-000123 of rochester-mn-pd was changed after it was recorded", broken.Out, StringComparison.Ordinal);
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
}
