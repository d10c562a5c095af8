using System.Reflection;

namespace Oversight.Worker.Cli;

/// <summary>Who this program is: its version, and how to run it again from the same shell.</summary>
internal static class Invocation
{
    /// <summary>"oversight 0.1.0 (commit 1a2b3c4d5e6f, .NET 10.0.1)".</summary>
    public static string Version
    {
        get
        {
            var informational = typeof(Invocation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            var version = plus < 0 ? informational : informational[..plus];
            var commit = plus < 0 ? null : informational[(plus + 1)..];
            var runtime = Environment.Version.ToString();
            return commit is { Length: > 0 }
                ? $"oversight {version} (commit {commit[..Math.Min(12, commit.Length)]}, .NET {runtime})"
                : $"oversight {version} (.NET {runtime})";
        }
    }

    /// <summary>
    /// The command that runs this program: <c>oversight</c> when that name on PATH is this
    /// program, else the path it was started from (relative to the current folder when inside it),
    /// or <c>dotnet path/oversight.dll</c> when it was started through <c>dotnet</c>.
    /// </summary>
    public static string Command
    {
        get
        {
            var process = Environment.ProcessPath;
            if (process is null || Path.GetFileNameWithoutExtension(process) == "dotnet")
            {
                return $"dotnet {Quote(Relative(Path.Combine(AppContext.BaseDirectory, "oversight.dll")))}";
            }

            return OnPath(process) ? "oversight" : Quote(Relative(process));
        }
    }

    private static bool OnPath(string process)
    {
        var name = Path.GetFileName(process);
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                // The first match on PATH is what the shell runs; it must be this very program.
                return string.Equals(Path.GetFullPath(candidate), Path.GetFullPath(process), StringComparison.Ordinal) && name == "oversight";
            }
        }

        return false;
    }

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path
            : relative.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ? relative
            : "." + Path.DirectorySeparatorChar + relative;
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
