using System.Runtime.InteropServices;
using System.Text;
using Oversight.Text;

namespace Oversight.Tests.Text;

/// <summary>
/// The look-alike table against Unicode's own confusables data (UTS #39), as ICU ships it: two
/// strings are confusable when their ICU skeletons are equal.
/// </summary>
public sealed class ConfusablesTests
{
    [Fact]
    public void Table_EveryEntry_IsConfusableWithItsLatinLetter()
    {
        using var icu = new IcuSpoofChecker();
        var wrong = Confusables.Entries
            .Where(e => icu.Skeleton(char.ConvertFromUtf32(e.Key)) != icu.Skeleton(e.Value.ToString()))
            .Select(e => $"U+{e.Key:X4} → {e.Value}")
            .ToList();
        Assert.True(wrong.Count == 0, "not confusable per Unicode: " + string.Join(", ", wrong));
    }

    [Fact]
    public void Table_CoveredBlocks_MissNoLetterThatLooksLatin()
    {
        using var icu = new IcuSpoofChecker();
        var ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".Select(c => icu.Skeleton(c.ToString())).ToHashSet(StringComparer.Ordinal);
        var covered = Confusables.Entries.Select(e => e.Key).ToHashSet();
        var missing = new List<string>();
        foreach (var (first, last) in Confusables.Blocks)
        {
            for (var code = first; code <= last; code++)
            {
                if (Rune.IsValid(code) && Rune.IsLetter(new Rune(code)) && ascii.Contains(icu.Skeleton(char.ConvertFromUtf32(code))) && !covered.Contains(code))
                {
                    missing.Add($"U+{code:X4}");
                }
            }
        }

        Assert.True(missing.Count == 0, "confusable with a Latin letter but not in the table: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("\u0440r\u043Et\u0435\u0455t", "protest")]
    [InlineData("\u0420R\u041E\u0422\u0415\u0405\u0422", "protest")]
    public void Fold_MixedScripts_FoldLikeTheirLatinLookAlikes(string a, string b) => Assert.Equal(TextFold.Fold(a), TextFold.Fold(b));

    /// <summary>ICU's spoof checker, loaded from the system's libicu (any recent version).</summary>
    private sealed class IcuSpoofChecker : IDisposable
    {
        private readonly IntPtr library;
        private readonly IntPtr checker;
        private readonly GetSkeleton getSkeleton;
        private readonly Close close;

        public IcuSpoofChecker()
        {
            var version = Enumerable.Range(60, 30).Reverse().FirstOrDefault(v => NativeLibrary.TryLoad($"libicui18n.so.{v}", out _));
            Assert.True(version != 0, "these tests need ICU's libicui18n (Debian: apt-get install libicu72)");
            library = NativeLibrary.Load($"libicui18n.so.{version}");
            var open = Marshal.GetDelegateForFunctionPointer<Open>(NativeLibrary.GetExport(library, $"uspoof_open_{version}"));
            getSkeleton = Marshal.GetDelegateForFunctionPointer<GetSkeleton>(NativeLibrary.GetExport(library, $"uspoof_getSkeleton_{version}"));
            close = Marshal.GetDelegateForFunctionPointer<Close>(NativeLibrary.GetExport(library, $"uspoof_close_{version}"));
            var status = 0;
            checker = open(ref status);
            Assert.True(status <= 0, $"uspoof_open failed: {status}");
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr Open(ref int status);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
        private delegate int GetSkeleton(IntPtr checker, uint type, string id, int length, [Out] char[] destination, int capacity, ref int status);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void Close(IntPtr checker);

        public string Skeleton(string text)
        {
            var buffer = new char[64];
            var status = 0;
            var length = getSkeleton(checker, 0, text, text.Length, buffer, buffer.Length, ref status);
            Assert.True(status <= 0, $"uspoof_getSkeleton failed for '{text}': {status}");
            return new string(buffer, 0, length);
        }

        public void Dispose()
        {
            close(checker);
            NativeLibrary.Free(library);
        }
    }
}
