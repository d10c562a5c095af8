using Oversight.Policies;
using Oversight.Policies.Testing;
using Oversight.Tests.Support;

namespace Oversight.Tests.Policies;

/// <summary>Broken YAML is a located problem, never an exception: the loader runs inside the service.</summary>
public sealed class YamlTextTests
{
    /// <summary>The shipped policy's per-request rules (no boundary file, so that thousands of loads stay fast).</summary>
    private static readonly string Policy = string.Join('\n',
        File.ReadAllLines(Path.Combine(TestPolicies.Folder, "rochester-mn.yaml")).Where(line => !line.Contains("boundary", StringComparison.Ordinal)));

    [Fact]
    public void Load_FlowMappingLeftOpen_NamesTheBracket()
    {
        var broken = Policy.Replace("limit: 0.5 sq mi }", "limit: 0.5 sq mi", StringComparison.Ordinal);
        var line = broken.Split('\n').ToList().FindIndex(l => l.Contains("area-limit,", StringComparison.Ordinal)) + 1;

        var result = PolicyLoader.Load(broken, "p.yaml", TestPolicies.Folder);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((line, 5), (problem.Line, problem.Column));
        Assert.StartsWith("not valid YAML: this '{' is not closed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LastRuleLeftOpen_NamesTheBracketNotTheEndOfTheFile()
    {
        var result = PolicyLoader.Load("policy: x\nversion: \"1\"\nrules:\n  - { id: a, kind: max-area, limit: 1 sq mi\n", "p.yaml", TestPolicies.Folder);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, 5), (problem.Line, problem.Column));
        Assert.StartsWith("not valid YAML: this '{' is not closed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NestedTooDeep_IsAProblem()
    {
        var result = PolicyLoader.Load("policy: x\nversion: \"1\"\nrules: " + new string('[', 100_000), "p.yaml", TestPolicies.Folder);

        var problem = Assert.Single(result.Problems);
        Assert.Contains($"nested more than {YamlText.MaxDepth} levels deep", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EverySingleCharacterDeleted_NeverThrows()
    {
        for (var i = 0; i < Policy.Length; i++)
        {
            var mutated = Policy.Remove(i, 1);
            var result = PolicyLoader.Load(mutated, "p.yaml", TestPolicies.Folder);
            Assert.True(result.Succeeded || result.Problems.Count > 0, $"deleting character {i} gave neither a policy nor a problem");
        }
    }

    [Fact]
    public void Load_BracketsAndQuotesInserted_NeverThrow()
    {
        var random = new Random(7);
        for (var n = 0; n < 1500; n++)
        {
            var at = random.Next(Policy.Length);
            var inserted = "{}[]\"':,#&*!|>-?%@`\t\n"[random.Next(21)];
            var result = PolicyLoader.Load(Policy.Insert(at, inserted.ToString()), "p.yaml", TestPolicies.Folder);
            Assert.True(result.Succeeded || result.Problems.Count > 0);
        }
    }

    [Fact]
    public void PolicyTestFileLoad_FlowMappingLeftOpen_IsAProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"oversight-yaml-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "- { name: a, policy: p.yaml\n- { name: b }\n");
        try
        {
            var (cases, problems) = PolicyTestFile.Load(path);

            Assert.Empty(cases);
            Assert.Equal(1, Assert.Single(problems).Line);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
