using Microsoft.EntityFrameworkCore;
using Oversight.Log;
using Oversight.Storage;

namespace Oversight.Worker.Service.Log;

public sealed partial class TransparencyLog
{
    /// <summary>When the last entry was appended (a <see cref="TimeProvider"/> timestamp).</summary>
    public long LastAppendedAt => Interlocked.Read(ref appendedAt);

    /// <summary>Brings the tree up to every committed entry, including other processes' (set by the gate).</summary>
    public Func<CancellationToken, Task>? Refresh { get; set; }

    /// <summary>
    /// Signs a checkpoint of the tree as this process has it, unless one of that size exists. One
    /// process at a time signs (a PostgreSQL advisory lock); the new checkpoint must be consistent
    /// with the latest stored one, or nothing is signed and an alarm is raised.
    /// </summary>
    /// <returns>The new checkpoint, or null when none was signed.</returns>
    public async Task<CheckpointRecord?> SignAsync(CancellationToken cancellationToken)
    {
        if (Signer is not { } signer)
        {
            return null;
        }

        if (Refresh is { } refresh)
        {
            await refresh(cancellationToken);
        }

        await signing.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (database.Provider == DatabaseProvider.Postgres
                && !await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({SignLockKey}) AS \"Value\"").SingleAsync(cancellationToken))
            {
                return null;
            }

            var size = Tree.Size;
            var latest = await db.Checkpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
            if (latest is not null && latest.TreeSize >= size)
            {
                return null;
            }

            if (latest is not null && !Tree.Root(latest.TreeSize).AsSpan().SequenceEqual(Convert.FromBase64String(latest.RootHash)))
            {
                Alarm($"the log at size {latest.TreeSize:N0} no longer has the root its checkpoint was signed with; no further checkpoint is signed until this is resolved");
                return null;
            }

            var checkpoint = new Checkpoint(Origin, size, Tree.Root(size));
            var note = new SignedNote(checkpoint.Body, [signer.Sign(checkpoint.Body)]);
            var record = new CheckpointRecord
            {
                TreeSize = size,
                RootHash = Convert.ToBase64String(checkpoint.Root),
                Note = note.ToString(),
                SignedAtTicks = time.GetUtcNow().UtcTicks,
            };
            db.Checkpoints.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return record;
        }
        catch (DbUpdateException)
        {
            // Another process signed the same size first: its checkpoint stands.
            return null;
        }
        finally
        {
            signing.Release();
        }
    }

    /// <summary>The latest signed checkpoint with every accepted cosignature; null before the first.</summary>
    public Task<SignedNote?> LatestAsync(CancellationToken cancellationToken) => NoteAsync(null, cancellationToken);

    /// <summary>The stored checkpoint of a size (or the latest), with its cosignatures.</summary>
    public async Task<SignedNote?> NoteAsync(long? treeSize, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return await LogStore.NoteAsync(db, treeSize, cancellationToken);
    }

    /// <summary>
    /// Stores a witness's cosignature, sent as the checkpoint note with the witness's line added:
    /// the checkpoint must be one this log signed, and the line must come from a configured
    /// witness key and verify. Returns what is wrong, or null when stored.
    /// </summary>
    public async Task<string?> AcceptCosignatureAsync(string text, CancellationToken cancellationToken)
    {
        if (!SignedNote.TryParse(text, out var note, out var error))
        {
            return $"not a signed note: {error}";
        }

        if (!Checkpoint.TryParse(note!.Text, out var checkpoint, out error))
        {
            return $"not a checkpoint: {error}";
        }

        await using var db = database.CreateContext();
        var stored = await db.Checkpoints.AsNoTracking().FirstOrDefaultAsync(c => c.TreeSize == checkpoint!.Size, cancellationToken);
        if (stored is null || stored.RootHash != Convert.ToBase64String(checkpoint!.Root) || checkpoint.Origin != Origin)
        {
            return "this log signed no such checkpoint (origin, size and root must be those of a checkpoint it published)";
        }

        var accepted = 0;
        foreach (var witness in witnesses)
        {
            if (witness.CosignedAt(note) is not { } at || await db.Cosignatures.AnyAsync(c => c.TreeSize == checkpoint.Size && c.KeyName == witness.Name && c.KeyId == witness.Id, cancellationToken))
            {
                continue;
            }

            var line = witness.SignaturesIn(note).First(s => s.Signature.Length == 72).Line;
            db.Cosignatures.Add(new CosignatureRecord
            {
                TreeSize = checkpoint.Size,
                KeyName = witness.Name,
                KeyId = witness.Id,
                Line = line,
                CosignedAtTicks = at.UtcTicks,
                ReceivedAtTicks = time.GetUtcNow().UtcTicks,
            });
            accepted++;
        }

        if (accepted == 0 && !note.Signatures.Any(s => witnesses.Any(w => w.Name == s.KeyName && w.Id == s.KeyId)))
        {
            return witnesses.Count == 0
                ? "this log accepts no witnesses (serve --witness-key VKEY)"
                : $"no cosignature from a witness this log knows ({string.Join(", ", witnesses.Select(w => w.Name))}) verifies on this checkpoint";
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// At start: every stored checkpoint must be signed by this log's key (when the service has
    /// it), no larger than the log, and have the root the entries give at its size. Each that fails
    /// raises an alarm.
    /// </summary>
    public async Task CheckStoredCheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var verifier = new CheckpointCheck(this);
        await foreach (var record in db.Checkpoints.AsNoTracking().OrderBy(c => c.TreeSize).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (verifier.Problem(record) is { } problem)
            {
                Alarm(problem);
            }
        }
    }

    /// <summary>Checks a stored checkpoint against the tree.</summary>
    private sealed class CheckpointCheck(TransparencyLog log)
    {
        public string? Problem(CheckpointRecord record)
        {
            if (!SignedNote.TryParse(record.Note, out var note, out var error) || !Checkpoint.TryParse(note!.Text, out var checkpoint, out error))
            {
                return $"the checkpoint stored for size {record.TreeSize:N0} does not read: {error}";
            }

            if (log.Signer is { } signer && !signer.Public.Verifies(note))
            {
                return $"the checkpoint stored for size {record.TreeSize:N0} is not signed by this log's key ({signer.Public.Name}): it was written by someone else";
            }

            if (checkpoint!.Size > log.Tree.Size)
            {
                return $"the log has {log.Tree.Size:N0} entries, but a checkpoint was signed at size {checkpoint.Size:N0}: entries were removed from its end, or an older copy was restored";
            }

            return log.Tree.Root(checkpoint.Size).AsSpan().SequenceEqual(checkpoint.Root)
                ? null
                : $"the first {checkpoint.Size:N0} entries no longer hash to the root signed for them on {new DateTimeOffset(record.SignedAtTicks, TimeSpan.Zero):u}: an entry among them was changed, removed, inserted or reordered";
        }
    }

    /// <summary>The verifier key of the log, in note format (text/plain).</summary>
    public string? VerifierKey => Signer?.Public.VerifierKey;
}
