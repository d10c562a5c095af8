using System.Collections.Concurrent;
using Oversight.Storage;

namespace Oversight.Worker.Service.Auth;

/// <summary>
/// The keys this process has seen, by the hash of their secret, so that a call does not load and
/// map a key's row through Entity Framework each time. What can change about a key — whether it is
/// revoked, by this process or by <c>oversight keys revoke</c> in another — is still read from the
/// database on every call, as one indexed column of one row on a pooled connection: a revoked key
/// is refused from its next call on.
/// </summary>
public sealed class KnownKeys(DatabaseTarget database)
{
    private const string RevokedQuery = "SELECT \"Revoked\" FROM api_keys WHERE \"Id\" = @id";

    /// <summary>At most this many keys are remembered; past it, a call simply reads its key's row again.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, ApiKeyRecord> found = new(StringComparer.Ordinal);

    /// <summary>The valid key with this secret, or null when there is none or it is revoked.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(key);
        if (found.TryGetValue(hash, out var known))
        {
            if (!await IsRevokedAsync(known.Id, cancellationToken))
            {
                return known;
            }

            found.TryRemove(hash, out _);
            return null;
        }

        ApiKeyRecord? record;
        await using (var db = database.CreateContext())
        {
            record = await ApiKeys.FindAsync(db, key, cancellationToken);
        }

        if (record is not null && found.Count < Capacity)
        {
            found[hash] = record;
        }

        return record;
    }

    private async Task<bool> IsRevokedAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = RevokedQuery;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        command.Parameters.Add(parameter);

        // No row (the key was deleted by hand) is as good as revoked.
        return await command.ExecuteScalarAsync(cancellationToken) is not { } revoked || Convert.ToBoolean(revoked, System.Globalization.CultureInfo.InvariantCulture);
    }
}
