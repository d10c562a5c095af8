using System.Globalization;
using System.Text.Json;
using Oversight.Reports;

namespace Oversight.Worker.Cli;

/// <summary>
/// <c>oversight findings dispose</c>: record what an auditor decided about a finding, offline, by
/// appending one line to a dispositions file (the service records the same through
/// <c>POST /v1/findings/{id}/dispositions</c>). Nothing is written unless the findings file holds the
/// finding and every line already in the dispositions file is valid.
/// </summary>
internal sealed class FindingsDisposeVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "findings dispose",
        "Record a disposition of a finding in a dispositions file (appended, never rewritten).",
        "findings dispose --findings findings.json --dispositions D.jsonl --finding ID --disposition acknowledged|referred|expected|confirmed-violation --by NAME [--note TEXT] [--at TIME]",
        [
            new("findings", "F", "The findings the disposition is about, as written by 'oversight detect --out'.", Required: true),
            new("dispositions", "D", "The dispositions file (JSON Lines) to append to; created when missing. 'oversight report --dispositions D' shows each finding's latest.", Required: true),
            new("finding", "ID", "The finding's id (stable across runs over the same input).", Required: true),
            new("disposition", "KIND", "acknowledged, referred, expected (dismissed as expected) or confirmed-violation.", Required: true),
            new("by", "NAME", "Who decided (recorded as given).", Required: true),
            new("note", "TEXT", $"What was done or why (at most {FindingDisposition.MaxNote} characters)."),
            new("at", "TIME", "When it was decided, RFC 3339 (default: now)."),
        ],
        "Exit status: 0 recorded; 2 unknown finding, invalid value, or an invalid dispositions or findings file\n" +
        "(every problem named with file:line; nothing is written).");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        var problems = new List<string>();
        var known = ReadFindings(args["findings"]!, problems);
        var file = args["dispositions"]!;
        if (known is not null && DispositionFile.Read(file, known, out var fileProblems) is null)
        {
            problems.AddRange(fileProblems.Select(p => p.ToString()));
        }

        var id = args["finding"]!.Trim();
        if (known is not null && !known.Contains(id))
        {
            problems.Add($"--finding: no finding '{id}' in {args["findings"]}");
        }

        if (!FindingDisposition.TryParse(args["disposition"], out var kind))
        {
            problems.Add($"--disposition: '{args["disposition"]}' is not one of {string.Join(", ", FindingDisposition.Names)}");
        }

        var by = args["by"]!.Trim();
        if (by.Length == 0)
        {
            problems.Add("--by: say who decided");
        }

        var note = string.IsNullOrWhiteSpace(args["note"]) ? null : args["note"]!.Trim();
        if (note is { Length: > FindingDisposition.MaxNote })
        {
            problems.Add($"--note: at most {FindingDisposition.MaxNote} characters");
        }

        var at = DateTimeOffset.UtcNow;
        if (args["at"] is { } time && !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            problems.Add($"--at: '{time}' is not an RFC 3339 time such as 2026-10-05T10:00:00Z");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await console.Error.WriteLineAsync($"oversight findings dispose: {problem}");
            }

            await console.Error.WriteLineAsync("Nothing was written.");
            return ExitCodes.Invalid;
        }

        var line = DispositionFile.Line(new FindingDisposition(id, kind, note, by, at));
        try
        {
            var needsNewline = File.Exists(file) && new FileInfo(file).Length > 0 && !File.ReadAllText(file).EndsWith('\n');
            await File.AppendAllTextAsync(file, (needsNewline ? "\n" : string.Empty) + line + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"oversight findings dispose: {file}: cannot write: {e.Message}");
            return ExitCodes.Invalid;
        }

        await console.Out.WriteLineAsync(line);
        return ExitCodes.Ok;
    }

    /// <summary>The finding ids of a findings file ({"findings":[{"id":…},…]}), or null after adding its problems.</summary>
    private static HashSet<string>? ReadFindings(string path, List<string> problems)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!document.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"--findings: {path}: not a findings file (an object with a \"findings\" array, as 'oversight detect' writes)");
                return null;
            }

            return [.. findings.EnumerateArray().Where(f => f.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String).Select(f => f.GetProperty("id").GetString()!)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"--findings: {path}: cannot read: {e.Message}");
        }
        catch (JsonException e)
        {
            problems.Add($"--findings: {path}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {e.Message}");
        }

        return null;
    }
}
