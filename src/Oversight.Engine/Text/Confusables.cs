using System.Collections.Frozen;
using System.Text;

namespace Oversight.Text;

/// <summary>
/// Letters of other scripts that look like a Latin letter, and the Latin letter they look like:
/// every letter of the <see cref="Blocks"/> whose prototype in Unicode's confusables data
/// (UTS #39, confusables.txt) is one ASCII letter. The tests check the table against ICU's copy
/// of that data in both directions: every entry is confusable with its letter, and no letter of
/// these blocks that is confusable with an ASCII letter is missing.
/// </summary>
internal static class Confusables
{
    private static readonly FrozenDictionary<int, char> ToLatin = new Dictionary<int, char>
    {
        // Latin Extended-B
        [0x0184] = 'b', [0x018D] = 'g', [0x0196] = 'I', [0x01A6] = 'R', [0x01BD] = 's', [0x01C0] = 'l',

        // IPA Extensions
        [0x0251] = 'a', [0x0261] = 'g', [0x0263] = 'y', [0x0269] = 'i', [0x026A] = 'i', [0x026F] = 'w', [0x028B] = 'u', [0x028F] = 'y',

        // Greek
        [0x037A] = 'i', [0x037F] = 'J', [0x0391] = 'A', [0x0392] = 'B', [0x0395] = 'E', [0x0396] = 'Z', [0x0397] = 'H', [0x0399] = 'I',
        [0x039A] = 'K', [0x039C] = 'M', [0x039D] = 'N', [0x039F] = 'O', [0x03A1] = 'P', [0x03A4] = 'T', [0x03A5] = 'Y', [0x03A7] = 'X',
        [0x03B1] = 'a', [0x03B3] = 'y', [0x03B9] = 'i', [0x03BD] = 'v', [0x03BF] = 'o', [0x03C1] = 'p', [0x03C3] = 'o', [0x03C5] = 'u',
        [0x03D2] = 'Y', [0x03DC] = 'F', [0x03F1] = 'p', [0x03F2] = 'c', [0x03F3] = 'j', [0x03F9] = 'C', [0x03FA] = 'M',

        // Cyrillic
        [0x0405] = 'S', [0x0406] = 'I', [0x0408] = 'J', [0x0410] = 'A', [0x0412] = 'B', [0x0415] = 'E', [0x041A] = 'K', [0x041C] = 'M',
        [0x041D] = 'H', [0x041E] = 'O', [0x0420] = 'P', [0x0421] = 'C', [0x0422] = 'T', [0x0423] = 'Y', [0x0425] = 'X', [0x042C] = 'b',
        [0x0430] = 'a', [0x0433] = 'r', [0x0435] = 'e', [0x043E] = 'o', [0x0440] = 'p', [0x0441] = 'c', [0x0443] = 'y', [0x0445] = 'x',
        [0x0455] = 's', [0x0456] = 'i', [0x0458] = 'j', [0x0461] = 'w', [0x0474] = 'V', [0x0475] = 'v', [0x04AE] = 'Y', [0x04AF] = 'y',
        [0x04BB] = 'h', [0x04BD] = 'e', [0x04C0] = 'I', [0x04CF] = 'i', [0x0501] = 'd', [0x050C] = 'G', [0x051B] = 'q', [0x051C] = 'W',
        [0x051D] = 'w',

        // Armenian
        [0x054D] = 'U', [0x054F] = 'S', [0x0555] = 'O', [0x0561] = 'w', [0x0563] = 'q', [0x0566] = 'q', [0x0570] = 'h', [0x0578] = 'n',
        [0x057C] = 'n', [0x057D] = 'u', [0x0581] = 'g', [0x0584] = 'f', [0x0585] = 'o',

        // Cherokee
        [0x13A0] = 'D', [0x13A1] = 'R', [0x13A2] = 'T', [0x13A5] = 'i', [0x13A9] = 'Y', [0x13AA] = 'A', [0x13AB] = 'J', [0x13AC] = 'E',
        [0x13B3] = 'W', [0x13B7] = 'M', [0x13BB] = 'H', [0x13BD] = 'Y', [0x13C0] = 'G', [0x13C2] = 'h', [0x13C3] = 'Z', [0x13CF] = 'b',
        [0x13D2] = 'R', [0x13D4] = 'W', [0x13D5] = 'S', [0x13D9] = 'V', [0x13DA] = 'S', [0x13DE] = 'L', [0x13DF] = 'C', [0x13E2] = 'P',
        [0x13E6] = 'K', [0x13E7] = 'd', [0x13F3] = 'G', [0x13F4] = 'B',

        // Phonetic Extensions
        [0x1D04] = 'c', [0x1D0F] = 'o', [0x1D11] = 'o', [0x1D1C] = 'u', [0x1D20] = 'v', [0x1D21] = 'w', [0x1D22] = 'z', [0x1D26] = 'r',

        // Cherokee Supplement
        [0xAB75] = 'i', [0xAB81] = 'r', [0xAB83] = 'w', [0xAB93] = 'z', [0xABA9] = 'v', [0xABAA] = 's', [0xABAF] = 'c',
    }.ToFrozenDictionary();

    /// <summary>The Unicode blocks the table covers, first and last code point.</summary>
    internal static readonly IReadOnlyList<(int First, int Last)> Blocks =
    [
        (0x0180, 0x024F), // Latin Extended-B
        (0x0250, 0x02AF), // IPA Extensions
        (0x0370, 0x03FF), // Greek and Coptic
        (0x0400, 0x052F), // Cyrillic and Cyrillic Supplement
        (0x0530, 0x058F), // Armenian
        (0x13A0, 0x13FF), // Cherokee
        (0x1D00, 0x1D7F), // Phonetic Extensions
        (0xAB70, 0xABBF), // Cherokee Supplement
    ];

    /// <summary>The Latin letter a rune looks like; 0 when it is not in the table.</summary>
    public static char Latin(Rune rune) => ToLatin.TryGetValue(rune.Value, out var latin) ? latin : '\0';

    /// <summary>Every entry, for the tests that check the table against Unicode's data.</summary>
    internal static IEnumerable<KeyValuePair<int, char>> Entries => ToLatin;
}
