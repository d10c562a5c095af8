using Oversight.Log;
using Oversight.Storage;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight audit verify</c>: check the decision log from its entries up, against the checkpoints it signed and any published earlier.</summary>
internal sealed class AuditVerifyVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "audit verify",
        "Rebuild the decision log's Merkle tree from its entries and check it against its signed checkpoints and one published earlier.",
        "audit verify [--db D | --export F] [--checkpoint C] [--key VKEY]",
        [
            new("db", "D", DatabaseOption.Help),
            new("export", "F", "Check a log export (from 'oversight log export') instead of a database."),
            new("checkpoint", "C", "A checkpoint published earlier (the text GET /v1/log/checkpoint gave): the log must still contain exactly what it covered."),
            new("key", "VKEY", "The log's verifier key (or a file holding it): every checkpoint must be signed by it."),
        ],
        "Each entry's bytes must hash to its leaf and, in a database, every column kept beside an entry must say\n" +
        "what the entry says. Truncation, a changed, removed, inserted or reordered entry, and a restored older\n" +
        "copy are each found against any checkpoint signed before the change.\n" +
        "Exit status: 0 intact and consistent with every checkpoint; 1 not (the first difference is named);\n" +
        "2 unusable input (no such database or file, a malformed checkpoint or key).");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (args["db"] is not null && args["export"] is not null)
        {
            await console.Error.WriteLineAsync("oversight audit verify: give --db or --export, not both");
            return ExitCodes.Invalid;
        }

        NoteKey? key = null;
        if (args["key"] is { } keyText && (key = await LogFiles.VerifierAsync(keyText, console, "audit verify")) is null)
        {
            return ExitCodes.Invalid;
        }

        var extra = new List<(SignedNote, string)>();
        if (args["checkpoint"] is { } path)
        {
            if (await LogFiles.CheckpointAsync(path, console, "audit verify") is not { } note)
            {
                return ExitCodes.Invalid;
            }

            extra.Add((note, $"the checkpoint in {path}"));
        }

        AuditResult result;
        if (args["export"] is { } export)
        {
            if (await VerifyExportAsync(export, key, extra, console) is not { } fromExport)
            {
                return ExitCodes.Invalid;
            }

            result = fromExport;
        }
        else
        {
            if (await DatabaseOption.OpenExistingAsync(args, console, "audit verify") is not { } db)
            {
                return ExitCodes.Invalid;
            }

            await using (db)
            {
                (result, _) = await LogAudit.VerifyAsync(db, key, extra);
            }
        }

        if (result.Intact)
        {
            await console.Out.WriteLineAsync($"{result.Message}{(extra.Count > 0 ? "; consistent with the checkpoint given" : string.Empty)}");
            return ExitCodes.Ok;
        }

        await console.Out.WriteLineAsync($"broken: {result.Message}");
        foreach (var problem in result.Problems.Skip(1).Take(20))
        {
            await console.Out.WriteLineAsync($"  also: {problem}");
        }

        if (result.Problems.Count > 21)
        {
            await console.Out.WriteLineAsync($"  … and {result.Problems.Count - 21:N0} more");
        }

        return ExitCodes.Failures;
    }

    private static async Task<AuditResult?> VerifyExportAsync(string path, NoteKey? key, List<(SignedNote Note, string What)> extra, Console2 console)
    {
        var verifier = new LogVerifier();
        string? origin = null;
        var checkpoints = new List<SignedNote>();
        try
        {
            using var reader = new StreamReader(path);
            foreach (var line in LogExport.Read(reader))
            {
                switch (line.Kind)
                {
                    case "log":
                        origin = line.Origin is "unsigned" ? null : line.Origin;
                        break;
                    case "entry":
                        verifier.Add(line.Index, line.Entry, line.LeafHash, $"entry {line.Index}");
                        break;
                    case "checkpoint":
                        checkpoints.Add(line.Note!);
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            await console.Error.WriteLineAsync($"oversight audit verify: {path}: {e.Message}");
            return null;
        }

        foreach (var note in checkpoints)
        {
            verifier.Check(note, key, origin, $"the export's checkpoint of size {(Checkpoint.TryParse(note.Text, out var c, out _) ? c!.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "?")}");
        }

        foreach (var (note, what) in extra)
        {
            verifier.Check(note, key, origin, what);
        }

        return LogAudit.Summarise(verifier);
    }
}
