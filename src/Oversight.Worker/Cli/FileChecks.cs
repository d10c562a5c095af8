namespace Oversight.Worker.Cli;

/// <summary>
/// Checks that the files a verb names can be read or written before any work starts, so that a
/// typo in a path is one clear line and exit status 2, not an exception half-way through.
/// </summary>
internal static class FileChecks
{
    /// <summary>Why <paramref name="path"/> cannot be read as a file, or null when it can.</summary>
    public static string? CannotRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return $"{path}: is a folder, not a file";
        }

        if (!File.Exists(path))
        {
            return MissingFolder(path) is { } folder ? $"{path}: no such folder {folder}" : $"{path}: no such file";
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path}: cannot be read ({e.Message.TrimEnd('.')})";
        }
    }

    /// <summary>Why a file cannot be written at <paramref name="path"/>, or null when it can. Leaves an existing file as it is.</summary>
    public static string? CannotWrite(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.EndsWith('/') || Directory.Exists(path))
        {
            return $"{path}: is a folder; name a file";
        }

        if (MissingFolder(path) is { } folder)
        {
            return $"{path}: no such folder {folder} (create it first)";
        }

        var existed = File.Exists(path);
        try
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 1))
            {
            }

            if (!existed)
            {
                File.Delete(path);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path}: cannot be written ({e.Message.TrimEnd('.')})";
        }
    }

    /// <summary>
    /// Checks, before the verb does any work, that every file option given can be read
    /// (<paramref name="read"/>; '-' is standard input) or written (<paramref name="write"/>), and
    /// prints each problem as "oversight VERB: --OPTION PATH: …". False when any cannot.
    /// </summary>
    public static bool Usable(Arguments args, Console2 console, string verb, string[] read, string[] write)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var problems = read.Select(o => (Option: o, Path: args[o])).Where(o => o.Path is not null and not "-").Select(o => (o.Option, Problem: CannotRead(o.Path!)))
            .Concat(write.Select(o => (Option: o, Path: args[o])).Where(o => o.Path is not null).Select(o => (o.Option, Problem: CannotWrite(o.Path!))))
            .Where(p => p.Problem is not null)
            .ToList();
        foreach (var (option, problem) in problems)
        {
            console.Error.WriteLine($"oversight {verb}: --{option} {problem}");
        }

        return problems.Count == 0;
    }

    /// <summary>A new or replaced file for a verb's output, buffered.</summary>
    public static FileStream Create(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);

    private static string? MissingFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return folder is null || Directory.Exists(folder) ? null : folder;
    }
}
