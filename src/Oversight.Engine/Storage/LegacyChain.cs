using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Oversight.Storage;

/// <summary>
/// The hash chain that logs recorded before the Merkle tree carried (each entry's hash =
/// sha256(previous ‖ request ‖ decision ‖ policy sha256)). A service opening such a log checks
/// the chain once, then gives every entry its leaf hash; from then on the tree is the record.
/// </summary>
public static class LegacyChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, string requestJson, string decisionJson, string policySha256)
    {
        var text = string.Join('\n', previousHash, requestJson, decisionJson, policySha256);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Checks the chain of the entries that have no leaf hash yet (a prefix of the log), against
    /// the heads earlier audit runs recorded too. Returns null when intact, else what is wrong.
    /// </summary>
    public static async Task<string?> VerifyAsync(OversightDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var heads = await db.AuditRuns.AsNoTracking()
            .Where(r => r.Intact && r.HeadHash != null && r.HeadSequence > 0)
            .Select(r => new { r.HeadSequence, r.HeadHash })
            .ToListAsync(cancellationToken);
        var recorded = heads.GroupBy(h => h.HeadSequence).ToDictionary(g => g.Key, g => g.Select(h => h.HeadHash!).ToHashSet(StringComparer.Ordinal));
        var previous = Genesis;
        long expected = 1;
        await foreach (var entry in db.Decisions.AsNoTracking().Where(d => d.LeafHash == null).OrderBy(d => d.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.Sequence != expected)
            {
                return $"entry {expected}: missing or out of order in the chain recorded before the tree";
            }

            var hash = Hash(previous, entry.RequestJson, entry.DecisionJson, entry.PolicySha256);
            if (entry.PreviousHash != previous || entry.Hash != hash)
            {
                return $"entry {entry.Sequence}: request {entry.RequestId} no longer matches the hash chain recorded before the tree";
            }

            if (recorded.TryGetValue(entry.Sequence, out var known) && !known.Contains(hash))
            {
                return $"entry {entry.Sequence}: the chain up to request {entry.RequestId} was rewritten since an audit recorded it";
            }

            previous = hash;
            expected++;
        }

        return null;
    }
}
