using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Oversight.Text;

namespace Oversight.Searches;

/// <summary>
/// The secret that licence plates are hashed with, so that an export's plates are never stored or
/// shown in clear and yet one plate searched on many days can still be found. A plate is folded
/// (<see cref="Normalise"/>) and hashed with HMAC-SHA-256 under the key; the hash is written
/// <c>hmac-sha256:&lt;key id&gt;:&lt;first 16 bytes, hex&gt;</c>, where the key id (the first 4 bytes of
/// SHA-256 of the key) tells hashes made under different keys apart. Without the key a hash cannot
/// be turned back into a plate by trying every plate, which an unkeyed hash of a plate allows in
/// minutes.
/// </summary>
public sealed partial class PlateKey
{
    /// <summary>How many random bytes a new key holds.</summary>
    public const int Size = 32;

    private readonly byte[] key;

    private PlateKey(byte[] key)
    {
        this.key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
    }

    /// <summary>Eight hex digits naming the key (not the key): hashes with different ids cannot be compared.</summary>
    public string Id { get; }

    /// <summary>A new random key.</summary>
    public static PlateKey Create() => new(RandomNumberGenerator.GetBytes(Size));

    /// <summary>The key as stored in a key file: one line of 64 hex digits.</summary>
    public string ToFileText() => Convert.ToHexStringLower(key) + "\n";

    /// <summary>Reads a key file's text; null with <paramref name="error"/> when it is not one.</summary>
    public static PlateKey? Parse(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = text.Trim();
        if (hex.Length < 2 * 16 || hex.Length % 2 != 0 || !HexDigits().IsMatch(hex))
        {
            error = $"a plate key is one line of at least 32 hex digits (oversight import flock --plate-key FILE makes one with {2 * Size}), not {(hex.Length == 0 ? "an empty file" : $"{hex.Length} characters of other text")}";
            return null;
        }

        error = string.Empty;
        return new PlateKey(Convert.FromHexString(hex));
    }

    /// <summary>The hash of a plate as written in an export; null when nothing of a plate is left once folded.</summary>
    public string? Hash(string plate)
    {
        var normal = Normalise(plate);
        if (normal.Length == 0)
        {
            return null;
        }

        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normal));
        return $"hmac-sha256:{Id}:{Convert.ToHexStringLower(mac.AsSpan(0, 16))}";
    }

    /// <summary>
    /// A plate as compared: folded (<see cref="TextFold.Key"/>), upper case, letters, digits and the
    /// wildcard <c>*</c> of a partial plate only — so "abc 123", "ABC-123" and "ABC123" are one plate.
    /// </summary>
    public static string Normalise(string plate)
    {
        ArgumentNullException.ThrowIfNull(plate);
        var folded = TextFold.Key(plate);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '*')
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>True when a text has the form of a plate hash.</summary>
    public static bool IsHash(string text) => HashForm().IsMatch(text ?? string.Empty);

    [GeneratedRegex("^[0-9a-fA-F]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexDigits();

    [GeneratedRegex("^hmac-sha256:[0-9a-f]{8}:[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex HashForm();
}
