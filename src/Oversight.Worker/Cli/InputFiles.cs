using Oversight.Requests;

namespace Oversight.Worker.Cli;

/// <summary>What reading an input file gave: the valid requests and how many records were not.</summary>
internal sealed record InputRead(List<FootageRequest> Requests, int Invalid, bool Stopped, string? Error)
{
    /// <summary>Each invalid record's line and what was wrong with it (for the report's Coverage sheet).</summary>
    public List<(int Line, string Reason)> Rejected { get; init; } = [];
}

/// <summary>How a verb reads its history: <c>--strict</c> and the CSV column map <c>--columns</c>.</summary>
internal sealed record InputOptions(bool Strict, IReadOnlyDictionary<string, string?> Columns, bool Quiet)
{
    /// <summary>How large areas may be: the policy's <c>limits:</c> (default <see cref="RequestLimits.Default"/>).</summary>
    public RequestLimits? Limits { get; init; }

    /// <summary>The <c>--columns</c> option every verb that reads a history takes.</summary>
    public static readonly OptionSpec ColumnsOption = new(
        "columns", "MAP", "CSV only: read another export's headers, e.g. 'Officer=requester,Case #=caseNumber'; 'Notes=-' ignores a column (docs/INPUT.md).");

    /// <summary>The options as given, or null after printing what is wrong with <c>--columns</c>.</summary>
    public static InputOptions? From(Arguments args, Console2 console, string verb)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (map, problems) = RequestCsv.Layout.ParseMap(args["columns"]);
        foreach (var problem in problems)
        {
            console.Error.WriteLine($"oversight {verb}: --columns: {problem}");
        }

        return problems.Count > 0 ? null : new InputOptions(args.Has("strict"), map, args.Has("quiet"));
    }
}

/// <summary>Reads a whole request file for a verb (see <see cref="InputReader"/>).</summary>
internal static class InputFiles
{
    /// <summary>
    /// Reads the file and says on standard error why reading stopped, if it did; null when it
    /// stopped (the verb then exits with status 2).
    /// </summary>
    public static async Task<InputRead?> ReadForVerbAsync(string path, InputOptions options, Console2 console, string verb)
    {
        var read = Read(path, options, console, verb);
        if (read.Error is not null)
        {
            await console.Error.WriteLineAsync(read.Error);
        }

        return read.Stopped ? null : read;
    }

    /// <summary>Reads every record (see <see cref="InputReader"/>) into a list, in file order.</summary>
    public static InputRead Read(string path, InputOptions options, Console2 console, string verb)
    {
        if (InputReader.Open(path, options, console, verb, out var error) is not { } reader)
        {
            return Stop(error!);
        }

        using (reader)
        {
            var requests = reader.Requests().ToList();
            return new InputRead(requests, reader.Invalid, reader.Error is not null, reader.Error) { Rejected = reader.Rejected };
        }
    }

    private static InputRead Stop(string error) => new([], 0, true, error);
}
