using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Oversight.Storage;

namespace Oversight.Worker.Service.Auth;

/// <summary>The roles an API key can have.</summary>
public static class Roles
{
    public const string Agency = "agency";
    public const string Auditor = "auditor";
    public const string Council = "council";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Agency, Auditor, Council, Admin];
}

/// <summary>Creating and finding API keys; only the SHA-256 of a key is ever stored.</summary>
public static class ApiKeys
{
    /// <summary>Makes a key, stores its hash, and returns the key itself (shown once).</summary>
    public static async Task<string> CreateAsync(OversightDbContext db, string role, string? agency, string? name, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        if ((role == Roles.Agency) != !string.IsNullOrWhiteSpace(agency))
        {
            throw new ArgumentException("An agency key names its agency; other keys do not.", nameof(agency));
        }

        var key = "ovk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiKeys.Add(new ApiKeyRecord
        {
            KeyHash = Hash(key),
            Role = role,
            Agency = role == Roles.Agency ? agency!.Trim() : null,
            Name = name,
            CreatedAtTicks = time.GetUtcNow().UtcTicks,
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The valid (not revoked) key with this secret, read from the database now: a revocation takes effect on the next call.</summary>
    public static Task<ApiKeyRecord?> FindAsync(OversightDbContext db, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = Hash(key);
        return db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && !k.Revoked, cancellationToken);
    }

    /// <summary>The valid (not revoked) key with this id, read now: a signed-in session is checked against it on every call.</summary>
    public static Task<ApiKeyRecord?> FindByIdAsync(OversightDbContext db, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id && !k.Revoked, cancellationToken);
    }

    /// <summary>Every key, oldest first, revoked ones included; secrets are never stored, so never listed.</summary>
    public static Task<List<ApiKeyRecord>> ListAsync(OversightDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Revokes a key by id; the service refuses it, and ends its sessions, from its next call on. Null when there is no such key.</summary>
    public static async Task<ApiKeyRecord?> RevokeAsync(OversightDbContext db, long id, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || key.Revoked)
        {
            return key;
        }

        key.Revoked = true;
        key.RevokedAtTicks = time.GetUtcNow().UtcTicks;
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }
}
