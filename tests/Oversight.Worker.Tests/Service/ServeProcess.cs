using System.Diagnostics;
using Oversight.Worker.Tests.Cli;

namespace Oversight.Worker.Tests.Service;

/// <summary>A real <c>oversight serve</c> process on a free loopback port, killed on dispose.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process server;
    private readonly System.Text.StringBuilder output = new();

    private ServeProcess(Process server, string url)
    {
        this.server = server;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public string Url { get; }

    public HttpClient Http { get; }

    /// <summary>What the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(params string[] args)
    {
        var url = $"http://127.0.0.1:{PostgresServer.FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = OversightProcess.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(OversightProcess.Folder, "oversight.dll"), "serve", "--urls", url, "--policies", "policies" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        var process = new ServeProcess(Process.Start(start)!, url);
        process.server.ErrorDataReceived += (_, e) => process.Append(e.Data);
        process.server.OutputDataReceived += (_, e) => process.Append(e.Data);
        process.server.BeginErrorReadLine();
        process.server.BeginOutputReadLine();
        await process.WaitForHealthAsync();
        for (var i = 0; i < 100 && !process.Output.Contains("Oversight is listening", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        return process;
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitForHealthAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("oversight serve exited: " + Output);
            }

            try
            {
                if ((await Http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("oversight serve did not answer /healthz within 60 s: " + Output);
    }

    /// <summary>Waits for a signed checkpoint of at least this size, and returns it.</summary>
    public Task<string> CheckpointAsync(long size) => TestService.WaitForCheckpointAsync(Http, size);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server.Dispose();
    }
}
