using System.Diagnostics;
using System.Text.Json;
using Oversight.Searches;
using Oversight.Searches.Flock;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight import flock</c>: Flock search-audit exports into search JSONL, every verb's input.</summary>
internal sealed class ImportFlockVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "import flock",
        "Read Flock ALPR search-audit exports (portal CSV, organization or network audits) into search JSONL.",
        "import flock IN… [--agency A] [--plate-key FILE] [--out searches.jsonl] [--strict] [--quiet]",
        [
            SearchInputs.AgencyOption,
            PlateKeys.Option,
            new("out", "FILE", "Write the searches here (JSONL) instead of standard output."),
            new("strict", null, "Stop at the first invalid row instead of reporting and skipping it."),
            new("quiet", null, "No summary on standard error."),
        ],
        "The layout is told by the header (docs/ALPR.md): the portal's id, userId, searchDate, cameraCount or\n" +
        "networkCount, reason[, caseNumber][, offenseType]; the audits' Name, Search Time, Reason, Total Networks\n" +
        "Searched or Total Devices Searched, and Org Name, Time Frame, License Plate, Case #, Offense Type, Search Type.\n" +
        "Portal '+' is a space; a time without an offset is UTC; a masked or blank userId/Name is an unknown officer;\n" +
        "a licence plate is written only as its keyed hash. Searches read twice (overlapping downloads) are kept once.\n" +
        "Exit status: 0 done; 2 an unknown layout, a file that cannot be read, or an invalid row with --strict.")
    {
        MaxPositionals = int.MaxValue,
    };

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (args.Positionals.Count == 0)
        {
            await console.Error.WriteLineAsync("oversight import flock: name at least one export to read (oversight import flock EXPORT.csv --agency eugene-or-pd)");
            return ExitCodes.Invalid;
        }

        if (!FileChecks.Usable(args, console, "import flock", [], ["out"]))
        {
            return ExitCodes.Invalid;
        }

        if (await PlateKeys.ResolveAsync(args, console, "import flock") is not var (key, kept))
        {
            return ExitCodes.Invalid;
        }

        var clock = Stopwatch.StartNew();
        var read = await SearchInputs.ReadAsync(args.Positionals, new FlockOptions(args["agency"], key), args.Has("strict"), console, "import flock");
        if (read is null)
        {
            return ExitCodes.Invalid;
        }

        await using (var target = args["out"] is { } path ? FileChecks.Create(path) : console.OpenOutput())
        {
            // Serialised on the other cores, written in order; non-ASCII text and '+' as they are, as JsonLines(relaxed) writes them.
            using var lines = new DecisionStream<AlprSearch>(target, SearchJson.Write, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            foreach (var search in read.Searches)
            {
                lines.Add(search);
            }

            lines.Complete();
        }

        if (!args.Has("quiet"))
        {
            var officers = read.Searches.Where(s => s.Requester is not null).Select(s => (s.Agency, s.Requester)).Distinct().Count();
            var unknown = read.Searches.Count(s => s.Requester is null);
            var agencies = read.Searches.Select(s => s.Agency).Distinct(StringComparer.Ordinal).Count();
            await console.Error.WriteLineAsync(
                $"import flock: {English.Count(read.Searches.Count, "search", "searches")} from {English.Count(args.Positionals.Count, "file")} ({string.Join(", ", read.Layouts.Distinct())}) in {clock.Elapsed.TotalSeconds:0.0} s: " +
                $"{English.Count(agencies, "agency", "agencies")}, {English.Count(officers, "officer account")}, {English.Count(unknown, "search", "searches")} by an unknown officer" +
                (read.PlatesHashed > 0 ? $"; {English.Count(read.PlatesHashed, "plate")} hashed with key {key.Id}{(kept ? string.Empty : " (made for this run only: give --plate-key FILE so that other imports' hashes match)")}" : string.Empty) +
                (read.ZeroCounts > 0 ? $"; {English.Count(read.ZeroCounts, "count")} of 0 read as not published" : string.Empty) +
                (read.Duplicates > 0 ? $"; {English.Count(read.Duplicates, "search", "searches")} read twice kept once" : string.Empty) +
                (read.Invalid > 0 ? $"; {English.Count(read.Invalid, "invalid row")} skipped" : string.Empty));
        }

        return ExitCodes.Ok;
    }
}
