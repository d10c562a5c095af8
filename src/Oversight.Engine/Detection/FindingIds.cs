using System.Security.Cryptography;
using System.Text;

namespace Oversight.Detection;

/// <summary>Stable finding ids: a hash of the kind and the facts that anchor the pattern, never of run order or time.</summary>
internal static class FindingIds
{
    /// <summary><c>f-</c> and 16 hex digits of sha256(kind ‖ parts).</summary>
    public static string Of(FindingKind kind, params string[] parts)
    {
        var text = kind.Name() + "\n" + string.Join("\n", parts);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "f-" + Convert.ToHexStringLower(hash, 0, 8);
    }
}
