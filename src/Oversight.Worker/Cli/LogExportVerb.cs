using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oversight.Log;
using Oversight.Storage;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight log export</c>: the decision log as a file anyone can verify without the service.</summary>
internal sealed class LogExportVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "log export",
        "Write the decision log (every entry as hashed, every signed checkpoint with its cosignatures) to a JSON Lines file.",
        "log export [--db D] --out log.jsonl",
        [
            new("db", "D", DatabaseOption.Help),
            new("out", "FILE", "The export file.", Required: true),
        ],
        "Anyone holding the export can check it with 'oversight audit verify --export FILE --key VKEY', and\n" +
        "later check a newer log against it, or a published report's numbers against it.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (await DatabaseOption.OpenExistingAsync(args, console, "log export") is not { } db)
        {
            return ExitCodes.Invalid;
        }

        await using (db)
        {
            var origin = (await LogStore.NoteAsync(db, null) is { } latest && Checkpoint.TryParse(latest.Text, out var c, out _)) ? c!.Origin : "unsigned";
            var size = await db.Decisions.LongCountAsync();
            Stream output;
            try
            {
                output = File.Create(args["out"]!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await console.Error.WriteLineAsync($"oversight log export: cannot write {args["out"]}: {e.Message}");
                return ExitCodes.Invalid;
            }

            await using (output)
            {
                await using var writer = new Utf8JsonWriter(output);
                void EndLine()
                {
                    writer.Flush();
                    writer.Reset();
                    output.WriteByte((byte)'\n');
                }

                LogExport.WriteHeader(writer, origin, size);
                EndLine();
                var written = 0L;
                await foreach (var row in db.Decisions.AsNoTracking().OrderBy(d => d.Sequence).AsAsyncEnumerable())
                {
                    var entry = LogRows.Entry(row);
                    LogExport.WriteEntry(writer, row.Sequence - 1, entry, row.LeafHash ?? MerkleHash.Leaf(entry));
                    EndLine();
                    written++;
                }

                var checkpoints = 0;
                await foreach (var (_, note) in LogStore.AllAsync(db))
                {
                    if (note is not null)
                    {
                        LogExport.WriteCheckpoint(writer, note);
                        EndLine();
                        checkpoints++;
                    }
                }

                await console.Error.WriteLineAsync($"log export: {English.Count(written, "entry", "entries")} and {English.Count(checkpoints, "checkpoint")} of {origin} written to {args["out"]}");
            }
        }

        return ExitCodes.Ok;
    }
}
