using Oversight.Searches.Reasons;

namespace Oversight.Tests.Searches.Reasons;

public sealed class VaguePhrasesTests
{
    private static readonly VaguePhrases Phrases = new(["investigation", "investigative", "criminal investigation", "daytime search for best result", "police business"]);

    [Theory]
    [InlineData("investigation", "exactly")]
    [InlineData("Investigation", "exactly")]
    [InlineData("investigation+", "exactly")]
    [InlineData("invetigation", "misspelt")]
    [InlineData("investagation", "misspelt")]
    [InlineData("investigatiom", "misspelt")]
    [InlineData("inestigation", "misspelt")]
    [InlineData("investigations", "misspelt")]
    [InlineData("invetsigation", "misspelt")]
    [InlineData("inv", "abbreviated")]
    [InlineData("invest", "abbreviated")]
    [InlineData("investiga", "abbreviated")]
    [InlineData("crim inv", "abbreviated")]
    [InlineData("Daytime search for best result", "exactly")]
    [InlineData("...", "says nothing")]
    [InlineData("", "says nothing")]
    public void Match_VagueReason_IsFound(string reason, string how) => Assert.Equal(how, Phrases.Match(reason)?.How);

    [Theory]
    [InlineData("investigation investigation investigation")]
    [InlineData("investigation.....................")]
    [InlineData("for investigation purposes only")]
    [InlineData("i n v e s t i g a t i o n")]
    [InlineData("I.N.V.E.S.T.I.G.A.T.I.O.N.")]
    [InlineData("ｉｎｖｅｓｔｉｇａｔｉｏｎ")]
    [InlineData("inve\u00ADstigation")]
    [InlineData("inves\u200Btigation")]
    [InlineData("\u0456nvestigation")]
    [InlineData("invest1gation")]
    [InlineData("Investigation - police business - investigation")]
    public void Match_PaddedOrDisguisedVagueReason_IsStillVague(string reason) => Assert.NotNull(Phrases.Match(reason));

    [Theory]
    [InlineData("UUV")]
    [InlineData("uuv")]
    [InlineData("Person Crime")]
    [InlineData("stolen vehicle")]
    [InlineData("investigation 25-12345")]
    [InlineData("Investigation, 2510494")]
    [InlineData("homicide investigation")]
    [InlineData("ST2")]
    [InlineData("burg")]
    [InlineData("invitation")]
    public void Match_SpecificReason_IsNotVague(string reason) => Assert.Null(Phrases.Match(reason));

    [Fact]
    public void Constructor_PhraseOfFillerOnly_IsReported()
    {
        var phrases = new VaguePhrases(["search", "for the", "investigation"]);

        Assert.Equal(["search", "for the"], phrases.FillerOnly);
        Assert.Equal(["investigation"], phrases.Phrases);
    }
}
