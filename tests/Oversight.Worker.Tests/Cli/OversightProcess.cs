using System.Diagnostics;

namespace Oversight.Worker.Tests.Cli;

/// <summary>What a run of the real <c>oversight</c> executable gave.</summary>
internal sealed record RunResult(int ExitCode, string Out, string Error);

/// <summary>Runs the built <c>oversight</c> executable (copied next to the tests) as a user would.</summary>
internal static class OversightProcess
{
    public static string Folder => AppContext.BaseDirectory;

    public static string PathTo(params string[] parts) => Path.Combine([Folder, .. parts]);

    public static RunResult RunWithInput(string? stdin, params string[] args) => RunIn(Folder, stdin, args);

    /// <summary>Runs the executable with <paramref name="folder"/> as the working folder.</summary>
    public static RunResult RunIn(string folder, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Folder, "oversight.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"oversight {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new RunResult(process.ExitCode, output.Result, error.Result);
    }

    public static RunResult Run(params string[] args) => RunWithInput(null, args);

    /// <summary>A temporary folder deleted when disposed.</summary>
    public sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("oversight-test-").FullName;

        public string File(string name, string content)
        {
            var path = System.IO.Path.Combine(Path, name);
            System.IO.File.WriteAllText(path, content);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
