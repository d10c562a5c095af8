using System.Globalization;
using System.Text.Json;
using Oversight.Requests;
using Oversight.Synthetic;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight generate</c>: a synthetic request history for demos and load tests.</summary>
internal sealed class GenerateVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "generate",
        "Write a synthetic, plausible history of footage requests around Rochester, MN (JSONL).",
        "generate --count N [--seed S] [--start YYYY-MM-DD] [--days D] [--out FILE] [--quiet]",
        [
            new("count", "N", "How many requests.", Required: true),
            new("seed", "S", "Random seed; the same seed gives the same requests (default 1)."),
            new("start", "DATE", "First day of submissions (default 2026-07-01)."),
            new("days", "D", "Days the submissions spread over (default 92, a quarter)."),
            new("out", "FILE", "Write here instead of standard output."),
            GenerateSearches.KindOption,
            GenerateSearches.OfficersOption,
            new("quiet", null, "No progress or summary on standard error (there is none when writing to standard output)."),
        ],
        "About 3% of requests ask for windows over 12 h, 5% for areas over 0.5 sq mi, 2% for footage over\n" +
        "30 days old, 4% carry no case number and 1% mention a protest, so every rule has something to find.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        var problems = new List<string>();
        var count = Int(args["count"], "count", 0, problems) ?? 0;
        var seed = Int(args["seed"] ?? "1", "seed", int.MinValue, problems) ?? 1;
        var days = Int(args["days"] ?? "92", "days", 1, problems) ?? 92;
        var start = new DateOnly(2026, 7, 1);
        if (args["start"] is { } s && !DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            problems.Add($"--start '{s}' is not a date like 2026-07-01");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await console.Error.WriteLineAsync($"oversight generate: {problem}");
            }

            return ExitCodes.Invalid;
        }

        if (!FileChecks.Usable(args, console, "generate", [], ["out"]))
        {
            return ExitCodes.Invalid;
        }

        switch (args["kind"])
        {
            case null or "requests":
                break;
            case "alpr-searches":
                return await GenerateSearches.RunAsync(args, console, count, seed, start, days);
            case var other:
                await console.Error.WriteLineAsync($"oversight generate: --kind '{other}': expected requests or alpr-searches");
                return ExitCodes.Invalid;
        }

        // Progress only when the requests go to a file: on standard output they are the output.
        var progress = new Progress(console, "generate", count, args["out"] is null || args.Has("quiet"));
        await using (var target = args["out"] is { } path ? FileChecks.Create(path) : console.OpenOutput())
        {
            using var writer = new Utf8JsonWriter(target);
            foreach (var request in SyntheticHistory.Generate(new SyntheticOptions(count, seed, start, days)))
            {
                RequestJsonWriter.Write(writer, request);
                writer.Flush();
                writer.Reset();
                target.WriteByte((byte)'\n');
                progress.Tick();
            }
        }

        if (args["out"] is { } written && !args.Has("quiet"))
        {
            await console.Error.WriteLineAsync($"generate: {English.Count(count, "request")} written to {written}");
        }

        return ExitCodes.Ok;
    }

    private static int? Int(string? text, string name, int minimum, List<string> problems)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        problems.Add($"--{name} '{text}' must be a whole number of at least {minimum}");
        return null;
    }
}
