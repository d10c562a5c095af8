using System.Text;
using System.Text.Json;
using Oversight.Searches;
using Oversight.Synthetic;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight generate --kind alpr-searches</c>: synthetic searches shaped like Eugene, OR's, as the portal's CSV or as search JSONL.</summary>
internal static class GenerateSearches
{
    public static readonly OptionSpec KindOption = new(
        "kind", "K", "requests (default: footage requests around Rochester, MN) or alpr-searches (licence-plate-reader searches shaped like Eugene, OR's; a .csv --out is the Flock portal's layout).");

    public static readonly OptionSpec OfficersOption = new("officers", "N", "alpr-searches: how many officer accounts (default 150).");

    public static async Task<int> RunAsync(Arguments args, Console2 console, int count, int seed, DateOnly start, int days)
    {
        if (!int.TryParse(args["officers"] ?? "150", System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var officers) || officers < 1)
        {
            await console.Error.WriteLineAsync($"oversight generate: --officers '{args["officers"]}' is not a whole number of 1 or more");
            return ExitCodes.Invalid;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var searches = SyntheticSearches.Generate(count, seed, start, days, officers, "eugene-or-pd", zone);
        var path = args["out"];
        var csv = path is not null && path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        await using (var target = path is not null ? FileChecks.Create(path) : console.OpenOutput())
        {
            if (csv)
            {
                await using var writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16);
                await writer.WriteLineAsync(SyntheticSearches.PortalHeader);
                foreach (var search in searches)
                {
                    await writer.WriteLineAsync(SyntheticSearches.PortalRow(search));
                }
            }
            else
            {
                using var lines = new JsonLines(target, relaxed: true);
                foreach (var search in searches)
                {
                    lines.Write(w => SearchJson.Write(w, search));
                }
            }
        }

        if (path is not null && !args.Has("quiet"))
        {
            await console.Error.WriteLineAsync($"generate: {English.Count(count, "search", "searches")} by {English.Count(officers, "officer account")} written to {path}{(csv ? " (Flock portal CSV: give --agency eugene-or-pd when reading it)" : string.Empty)}");
        }

        return ExitCodes.Ok;
    }
}
