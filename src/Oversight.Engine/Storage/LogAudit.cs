using Microsoft.EntityFrameworkCore;
using Oversight.Log;

namespace Oversight.Storage;

/// <summary>What a verification of the decision log found.</summary>
/// <param name="Intact">True when every entry hashes to its leaf, every column agrees with its entry, and every checkpoint matches the tree.</param>
/// <param name="Entries">How many entries were read.</param>
/// <param name="FirstBadSequence">The first entry (1-based sequence) a problem names; null when intact or when no single entry can be named.</param>
/// <param name="Message">A summary: "intact: …", or the first problem.</param>
/// <param name="HeadSequence">The last entry's sequence (the tree size).</param>
/// <param name="HeadHash">The Merkle root over every entry read, lower-case hex.</param>
/// <param name="Problems">Every problem found, in log order.</param>
public sealed record AuditResult(bool Intact, long Entries, long? FirstBadSequence, string Message, long HeadSequence, string HeadHash, IReadOnlyList<string> Problems);

/// <summary>Verifies the decision log in a database from the entries up: the leaves, the columns beside them, and the checkpoints stored with them.</summary>
public static class LogAudit
{
    /// <summary>
    /// Reads every entry in log order, rebuilds the tree from the entry bytes, checks each stored
    /// leaf hash and each column against its entry, then checks every stored checkpoint (signed by
    /// <paramref name="key"/> when given) and each extra one against the tree.
    /// </summary>
    public static async Task<(AuditResult Result, LogVerifier Verifier)> VerifyAsync(
        OversightDbContext db, NoteKey? key, IReadOnlyList<(SignedNote Note, string What)> extra, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(extra);
        var verifier = new LogVerifier();
        var agencies = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in db.Decisions.AsNoTracking().OrderBy(d => d.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var index = row.Sequence - 1;
            var entry = LogRows.Entry(row);
            if (row.LeafHash is null)
            {
                verifier.Problem(index, $"{LogRows.Describe(row)} has no leaf hash: the log was not opened by a service since it was upgraded");
            }

            verifier.Add(index, entry, row.LeafHash, LogRows.Describe(row));
            var agencySequence = agencies.GetValueOrDefault(row.Agency) + 1;
            agencies[row.Agency] = agencySequence;
            if (!LogEntry.TryRead(entry, out var fields, out var error))
            {
                verifier.Problem(index, $"{LogRows.Describe(row)}: {error}");
                continue;
            }

            foreach (var disagreement in LogRows.Disagreements(row, fields!, agencySequence))
            {
                verifier.Problem(index, $"{LogRows.Describe(row)}: {disagreement}");
            }
        }

        string? origin = null;
        await foreach (var record in db.Checkpoints.AsNoTracking().OrderBy(c => c.TreeSize).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!SignedNote.TryParse(record.Note, out var note, out var error))
            {
                verifier.Problem(null, $"the checkpoint stored for size {record.TreeSize:N0} does not read: {error}");
                continue;
            }

            origin ??= Checkpoint.TryParse(note!.Text, out var first, out _) ? first!.Origin : null;
            verifier.Check(note!, key, origin, $"the checkpoint stored for size {record.TreeSize:N0}");
        }

        foreach (var (note, what) in extra)
        {
            verifier.Check(note, key, origin, what);
        }

        return (Summarise(verifier), verifier);
    }

    /// <summary>The result of a verification, from what the verifier found.</summary>
    public static AuditResult Summarise(LogVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var size = verifier.Size;
        var root = Convert.ToHexStringLower(verifier.Root(size));
        var problems = verifier.Problems.Select(p => p.ToString()).ToList();
        if (verifier.Intact)
        {
            return new AuditResult(true, size, null, $"intact: {English.Count(size, "entry", "entries")}, root {root[..12]}…", size, root, problems);
        }

        var first = verifier.Problems.Where(p => p.Entry is not null).Select(p => p.Entry!.Value + 1).DefaultIfEmpty(-1).Min();
        return new AuditResult(false, size, first < 0 ? null : first, verifier.Problems[0].ToString(), size, root, problems);
    }
}
