using FsCheck;
using FsCheck.Fluent;
using Oversight.Text;

namespace Oversight.Tests.Text;

public sealed class TextFoldTests
{
    [Theory]
    [InlineData("protest")]
    [InlineData("PROTEST")]
    [InlineData("\uFF30\uFF32\uFF2F\uFF34\uFF25\uFF33\uFF34")]
    [InlineData("pr\u00F6test")]
    [InlineData("pro\u00ADtest")]
    [InlineData("pro\u200Btest")]
    [InlineData("pro\u2060test")]
    [InlineData("pr\u043Etest")]
    [InlineData("\u0440rotest")]
    [InlineData("\U0001D429\U0001D42B\U0001D428\U0001D42D\U0001D41E\U0001D42C\U0001D42D")]
    [InlineData("  protest ")]
    [InlineData("pro\u0301test")]
    public void Fold_DisguisedSpellings_AreThePlainWord(string written) => Assert.Equal("protest", TextFold.Fold(written));

    [Theory]
    [InlineData("Stra\u00DFe", "strasse")]
    [InlineData("two\t\n  words", "two words")]
    [InlineData("\uFB01re", "fire")]
    public void Fold_CaseAndSpace_FoldAsDocumented(string written, string folded) => Assert.Equal(folded, TextFold.Fold(written));

    [Theory]
    [InlineData("BADGE-9")]
    [InlineData("badge\u20119")]
    [InlineData("badge-9\u200B")]
    [InlineData(" badge\u20139 ")]
    [InlineData("badge\u22129")]
    [InlineData("b\u0430dge-9")]
    [InlineData("BADGE\uFF0D9")]
    public void Key_BadgeWrittenDifferently_IsOneKey(string written) => Assert.Equal("badge-9", TextFold.Key(written));

    [Theory]
    [InlineData("badge-9", "badge-90")]
    [InlineData("badge-9", "badge 9")]
    [InlineData("C-1", "C-7")]
    public void Key_DifferentIdentifiers_StayDifferent(string a, string b) => Assert.NotEqual(TextFold.Key(a), TextFold.Key(b));

    [Fact]
    public void Key_DashesOnlyUnifiedInKeys() => Assert.Equal("c\u20131", TextFold.Fold("C\u20131"));

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("\u200B\u00AD\u2060", true)]
    [InlineData("\u200Bx", false)]
    public void IsBlank_InvisibleOnly_IsBlank(string? text, bool blank) => Assert.Equal(blank, TextFold.IsBlank(text));

    [Theory]
    [InlineData("burglary", 8)]
    [InlineData("burglary\u200B\u200B\u200B\u200B", 8)]
    [InlineData("burglary          suspect", 16)]
    [InlineData(null, 0)]
    public void VisibleLength_CountsWhatAReaderSees(string? text, int length) => Assert.Equal(length, TextFold.VisibleLength(text));

    [Fact]
    public void Fold_IsIdempotent() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null), s => TextFold.Fold(TextFold.Fold(s)) == TextFold.Fold(s) && TextFold.Key(TextFold.Key(s)) == TextFold.Key(s))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Fold_AsciiFastPath_AgreesWithTheFullFold()
    {
        // A non-ASCII character that folds away sends the same text down the full path.
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null && System.Text.Ascii.IsValid(s)), s => TextFold.Fold(s) == TextFold.Fold(s + "\u200B"))
            .QuickCheckThrowOnFailure();
    }
}
