using Oversight.Policies;

namespace Oversight.Tests.Support;

/// <summary>Policies written as YAML in the tests, loaded through the real loader.</summary>
internal static class TestPolicies
{
    /// <summary>The folder holding the shipped policies (copied next to the tests).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "policies");

    public static Policy Load(string yaml)
    {
        var result = PolicyLoader.Load(yaml, "test.yaml", Folder);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        return result.Policy!;
    }

    /// <summary>A policy with the given rules (YAML list items) and, optionally, exemptions.</summary>
    public static Policy WithRules(string rules, string? exemptions = null) =>
        Load($"""
            policy: test
            version: "1"
            rules:
            {Indent(rules)}
            {(exemptions is null ? string.Empty : "exemptions:\n" + Indent(exemptions))}
            """);

    public static PolicyLoadResult TryLoad(string yaml) => PolicyLoader.Load(yaml, "test.yaml", Folder);

    public static Policy Shipped(string name)
    {
        var result = PolicyLoader.LoadFile(Path.Combine(Folder, name));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        return result.Policy!;
    }

    private static string Indent(string text) =>
        string.Join('\n', text.Trim('\n').Split('\n').Select(line => "  " + line.Trim()));
}
