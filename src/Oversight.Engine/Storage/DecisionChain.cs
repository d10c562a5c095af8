using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Oversight.Storage;

/// <summary>What a verification of the decision log found.</summary>
/// <param name="Intact">True when every entry's hash matches.</param>
/// <param name="Entries">How many entries were read.</param>
/// <param name="FirstBadSequence">The first entry that does not match; null when intact.</param>
/// <param name="Message">What is wrong with it, or a summary.</param>
/// <param name="HeadSequence">The last entry's sequence.</param>
/// <param name="HeadHash">The last entry's hash.</param>
public sealed record AuditResult(bool Intact, long Entries, long? FirstBadSequence, string Message, long HeadSequence, string HeadHash);

/// <summary>The hash chain of the decision log: computing entries and verifying the whole log.</summary>
public static class DecisionChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>sha256(previous ‖ request JSON ‖ decision JSON ‖ policy sha256), newline-separated, lower-case hex.</summary>
    public static string Hash(string previousHash, string requestJson, string decisionJson, string policySha256)
    {
        var text = string.Join('\n', previousHash, requestJson, decisionJson, policySha256);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Recomputes every entry in sequence order. An edited entry fails its own hash; a deleted one
    /// leaves a gap in the sequence; reordered entries break the previous-hash links. Heads
    /// recorded by earlier intact runs must still be in place, so a chain rewritten from an edit
    /// onwards is caught too.
    /// </summary>
    public static async Task<AuditResult> VerifyAsync(OversightDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var heads = await db.AuditRuns.AsNoTracking()
            .Where(r => r.Intact && r.HeadHash != null && r.HeadSequence > 0)
            .Select(r => new { r.HeadSequence, r.HeadHash })
            .ToListAsync(cancellationToken);
        var recordedHeads = heads.GroupBy(h => h.HeadSequence).ToDictionary(g => g.Key, g => g.Select(h => h.HeadHash!).ToHashSet(StringComparer.Ordinal));

        var previous = Genesis;
        long expected = 1, entries = 0;
        AuditResult Broken(long sequence, string why) => new(false, entries, sequence, $"entry {sequence}: {why}", expected - 1, previous);

        await foreach (var entry in db.Decisions.AsNoTracking().OrderBy(d => d.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            entries++;
            if (entry.Sequence != expected)
            {
                return Broken(expected, entry.Sequence > expected
                    ? $"missing: the log jumps from entry {expected - 1} to entry {entry.Sequence}"
                    : $"appears out of order after entry {expected - 1}");
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                return Broken(entry.Sequence, $"request {entry.RequestId} does not follow entry {expected - 1}: its previous-hash link differs (entries removed, inserted or reordered)");
            }

            var hash = Hash(previous, entry.RequestJson, entry.DecisionJson, entry.PolicySha256);
            if (!string.Equals(hash, entry.Hash, StringComparison.Ordinal))
            {
                return Broken(entry.Sequence, $"request {entry.RequestId} was altered: its content no longer matches its hash");
            }

            if (recordedHeads.TryGetValue(entry.Sequence, out var known) && !known.Contains(hash))
            {
                return Broken(entry.Sequence, $"request {entry.RequestId}: the chain up to this entry was rewritten since an earlier audit recorded it");
            }

            previous = hash;
            expected++;
        }

        return new AuditResult(true, entries, null, $"intact: {English.Count(entries, "entry", "entries")}, head {previous[..12]}…", expected - 1, previous);
    }
}
