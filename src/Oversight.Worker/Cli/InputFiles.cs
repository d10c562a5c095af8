using Oversight.Requests;

namespace Oversight.Worker.Cli;

/// <summary>What reading an input file gave: the valid requests and how many records were not.</summary>
internal sealed record InputRead(List<FootageRequest> Requests, int Invalid, bool Stopped, string? Error)
{
    /// <summary>Each invalid record's line and what was wrong with it (for the report's Coverage sheet).</summary>
    public List<(int Line, string Reason)> Rejected { get; init; } = [];
}

/// <summary>
/// Reads a request file for a verb. Every invalid record is reported on standard error with its
/// file, line and column and then skipped; with <c>strict</c> reading stops at the first.
/// </summary>
internal static class InputFiles
{
    /// <summary>
    /// Reads the file and says on standard error why reading stopped, if it did; null when it
    /// stopped (the verb then exits with status 2).
    /// </summary>
    public static async Task<InputRead?> ReadForVerbAsync(string path, bool strict, Console2 console, RequestLimits? limits = null)
    {
        var read = Read(path, strict, console, limits);
        if (read.Error is not null)
        {
            await console.Error.WriteLineAsync(read.Error);
        }

        return read.Stopped ? null : read;
    }

    /// <summary>Reads the file, reporting each invalid record; areas must keep within <paramref name="limits"/> (a policy's <c>limits:</c>, default <see cref="RequestLimits.Default"/>).</summary>
    public static InputRead Read(string path, bool strict, Console2 console, RequestLimits? limits = null)
    {
        // Standard input carries JSONL.
        var format = path == "-" ? "stdin.jsonl" : path;
        if (!RequestFile.IsSupported(format))
        {
            return new InputRead([], 0, true, $"{path}: unknown input format; use .jsonl, .json or .csv");
        }

        TextReader reader;
        try
        {
            reader = path == "-" ? console.In : new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new InputRead([], 0, true, $"{path}: cannot read: {e.Message}");
        }

        using (reader)
        {
            var requests = new List<FootageRequest>();
            var rejected = new List<(int Line, string Reason)>();
            var invalid = 0;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in RequestFile.Read(format, reader, limits))
            {
                if (record.Result.Value is { } request)
                {
                    if (ids.Add(request.Id))
                    {
                        requests.Add(request);
                        continue;
                    }

                    console.Error.WriteLine($"{path}: line {record.Line}: $.id: request id '{request.Id}' appears earlier in the file");
                    rejected.Add((record.Line, $"$.id: request id '{request.Id}' appears earlier in the file"));
                }
                else
                {
                    foreach (var problem in record.Result.Problems)
                    {
                        console.Error.WriteLine($"{path}: {problem.AtLine(record.Line)}");
                    }

                    rejected.Add((record.Line, string.Join("; ", record.Result.Problems.Select(p => p with { Line = null, Column = null }))));
                }

                invalid++;
                if (strict)
                {
                    return new InputRead(requests, invalid, true, $"{path}: stopped at the first invalid record (line {record.Line}) because of --strict") { Rejected = rejected };
                }
            }

            return new InputRead(requests, invalid, false, null) { Rejected = rejected };
        }
    }
}
