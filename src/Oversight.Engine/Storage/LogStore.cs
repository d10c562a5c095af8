using Microsoft.EntityFrameworkCore;
using Oversight.Log;

namespace Oversight.Storage;

/// <summary>Reading the transparency log's checkpoints back from the database, with their witnesses' cosignatures.</summary>
public static class LogStore
{
    /// <summary>The checkpoint of a size (or the latest) with every stored cosignature line; null when there is none.</summary>
    public static async Task<SignedNote?> NoteAsync(OversightDbContext db, long? treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Checkpoints.AsNoTracking();
        var record = treeSize is { } size
            ? await query.FirstOrDefaultAsync(c => c.TreeSize == size, cancellationToken)
            : await query.OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : await WithCosignaturesAsync(db, record, cancellationToken);
    }

    /// <summary>Every stored checkpoint, smallest first, each with its cosignatures.</summary>
    public static async IAsyncEnumerable<(CheckpointRecord Record, SignedNote? Note)> AllAsync(OversightDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = await db.Checkpoints.AsNoTracking().OrderBy(c => c.TreeSize).ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            yield return (record, await WithCosignaturesAsync(db, record, cancellationToken));
        }
    }

    private static async Task<SignedNote?> WithCosignaturesAsync(OversightDbContext db, CheckpointRecord record, CancellationToken cancellationToken)
    {
        if (!SignedNote.TryParse(record.Note, out var note, out _))
        {
            return null;
        }

        var lines = await db.Cosignatures.AsNoTracking().Where(c => c.TreeSize == record.TreeSize).OrderBy(c => c.Id).Select(c => c.Line).ToListAsync(cancellationToken);
        foreach (var line in lines)
        {
            if (SignedNote.TryParse(note!.Text + "\n" + line, out var one, out _))
            {
                note = note.With(one!.Signatures[0]);
            }
        }

        return note;
    }
}
