namespace Oversight.Worker.Tests.Cli;

public sealed class HelpTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("replay")]
    [InlineData("policy validate")]
    [InlineData("policy test")]
    [InlineData("generate")]
    [InlineData("simulate")]
    [InlineData("policy compare")]
    [InlineData("serve")]
    [InlineData("keys create")]
    [InlineData("audit verify")]
    public void Help_EveryVerb_PrintsUsageAndExits0(string verb)
    {
        var result = OversightProcess.Run([.. verb.Split(' '), "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"Usage: oversight {verb}", result.Out, StringComparison.Ordinal);
        Assert.Contains("--help", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Overview_ListsVerbs()
    {
        var result = OversightProcess.Run("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("policy validate", result.Out, StringComparison.Ordinal);
        Assert.Contains("replay", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownVerbOrOption_Exits2()
    {
        Assert.Equal(2, OversightProcess.Run("frobnicate").ExitCode);
        var result = OversightProcess.Run("replay", "--policy", "p.yaml", "--input", "x.jsonl", "--fast");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option --fast", result.Error, StringComparison.Ordinal);
    }
}
