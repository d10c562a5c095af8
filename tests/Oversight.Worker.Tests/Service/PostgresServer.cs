using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Oversight.Worker.Tests.Service;

/// <summary>
/// A PostgreSQL server for the tests: the one named by OVERSIGHT_TEST_POSTGRES (a connection
/// string to a server where databases can be created), or else a throwaway server started from
/// the installed PostgreSQL binaries in a temporary folder, as the postgres user, on a loopback port.
/// The folder (about 120 MB) never outlives the test run: it is removed when the test host exits,
/// by a watchdog process when the test host is killed before its exit handlers run (the test
/// platform kills it 100 ms after the last test), and at the next start if both were missed.
/// </summary>
internal static class PostgresServer
{
    private static readonly Lazy<string> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to a new, empty database.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = Admin.Value;
        var name = "oversight_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("OVERSIGHT_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL tests need OVERSIGHT_TEST_POSTGRES or the PostgreSQL server binaries under /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql).");
        }

        var asRoot = Environment.UserName == "root";
        RemoveStale(bin, asRoot);
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        File.WriteAllText(Path.Combine(folder, OwnerFile), Owner(Environment.ProcessId));
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        if (asRoot)
        {
            Run("chown", "-R", "postgres:postgres", folder);
        }

        RunAs(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        RunAs(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
        Watch(Environment.ProcessId, folder, $"{(asRoot ? "runuser -u postgres -- " : string.Empty)}'{Path.Combine(bin, "pg_ctl")}' -D '{data}' -m immediate -w stop");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAs(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"could not remove the test PostgreSQL in {folder}: {e.Message}");
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    private const string FolderPrefix = "oversight-pg-";

    /// <summary>Names the test host that made a folder: its process id and start time (so that a reused id is not mistaken for it).</summary>
    private const string OwnerFile = "owner";

    private static string Owner(int pid) => $"{pid} {StartTime(pid)}";

    /// <summary>The process's start time in clock ticks since boot (/proc/PID/stat, field 22), or null when there is no such process.</summary>
    private static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// A process outside the test host's session that waits for process <paramref name="pid"/> (the
    /// test host) to end, then runs <paramref name="stop"/> and removes <paramref name="folder"/>:
    /// the cleanup that survives the test host being killed.
    /// </summary>
    internal static void Watch(int pid, string folder, string stop)
    {
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {pid}; do sleep 1; done; {stop}; rm -rf '{folder}'";
        var start = new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var watchdog = Process.Start(start);
    }

    /// <summary>Folders of earlier runs whose test host is gone (or, made before owners were recorded, whose server is not running).</summary>
    private static void RemoveStale(string bin, bool asRoot)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                var owner = Path.Combine(folder, OwnerFile);
                var stale = File.Exists(owner)
                    ? File.ReadAllText(owner).Split(' ') is [var pid, var started] && StartTime(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture)) != started
                    : Directory.GetCreationTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-10) && !ServerRunning(folder);
                if (!stale)
                {
                    continue;
                }

                if (ServerRunning(folder))
                {
                    RunAs(asRoot, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
            {
                Console.Error.WriteLine($"could not remove the stale test PostgreSQL in {folder}: {e.Message}");
            }
        }
    }

    private static bool ServerRunning(string folder)
    {
        var pidFile = Path.Combine(folder, "data", "postmaster.pid");
        return File.Exists(pidFile)
            && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            && StartTime(pid) is not null;
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAs(bool asRoot, string program, params string[] args)
    {
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }
}
