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
    [InlineData("keys list")]
    [InlineData("keys revoke")]
    [InlineData("audit verify")]
    [InlineData("detect")]
    [InlineData("report")]
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

    [Theory]
    [InlineData("policy", "policy validate", "policy compare")]
    [InlineData("keys", "keys create", "keys revoke")]
    [InlineData("audit", "audit verify", "audit verify")]
    public void Help_EveryGroup_ListsItsCommands(string group, string first, string last)
    {
        var result = OversightProcess.Run(group, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"Usage: oversight {group} <command>", result.Out, StringComparison.Ordinal);
        Assert.Contains(first, result.Out, StringComparison.Ordinal);
        Assert.Contains(last, result.Out, StringComparison.Ordinal);

        var bare = OversightProcess.Run(group);
        Assert.Equal(2, bare.ExitCode);
        Assert.StartsWith($"Usage: oversight {group} <command>", bare.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_HelpVerb_IsTheVerbsHelp()
    {
        var result = OversightProcess.Run("help", "policy", "compare");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: oversight policy compare A B", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_PrintsTheVersion()
    {
        var result = OversightProcess.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^oversight \d+\.\d+\.\d+ \(", result.Out);
    }

    [Theory]
    [InlineData("replya", "oversight: unknown command 'replya' (did you mean 'replay'?)")]
    [InlineData("polcy validate", "oversight: unknown command 'polcy' (did you mean 'policy'?)")]
    [InlineData("policy valdate", "oversight: unknown command 'policy valdate' (did you mean 'policy validate'?)")]
    [InlineData("keys lsit", "oversight: unknown command 'keys lsit' (did you mean 'keys list'?)")]
    [InlineData("replay --polcy p.yaml --input x.jsonl", "oversight replay: unknown option --polcy (did you mean '--policy'?)")]
    public void Typo_DidYouMean(string command, string expected)
    {
        var result = OversightProcess.Run(command.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_StrayOrRepeated_AreProblems()
    {
        var stray = OversightProcess.Run("replay", "--policy", "p.yaml", "--input", "x.jsonl", "extra.jsonl");
        Assert.Equal(2, stray.ExitCode);
        Assert.Contains("unexpected argument 'extra.jsonl'", stray.Error, StringComparison.Ordinal);

        var twice = OversightProcess.Run("replay", "--policy", "p.yaml", "--policy", "q.yaml", "--input", "x.jsonl");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("--policy is given more than once", twice.Error, StringComparison.Ordinal);

        var swallowed = OversightProcess.Run("replay", "--policy", "--input", "x.jsonl");
        Assert.Equal(2, swallowed.ExitCode);
        Assert.Contains("--policy needs a value", swallowed.Error, StringComparison.Ordinal);
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
