using System.Text.RegularExpressions;

namespace Oversight.Worker.Tests.Cli;

/// <summary>
/// The README's tour is run as written: every <c>oversight …</c> command in its <c>sh</c> blocks,
/// from a folder holding the shipped policies and samples. A command followed by an output block
/// must print that output (standard output, then standard error; whitespace aside, <c>…</c> standing
/// for anything); a command without one must succeed.
/// </summary>
public sealed partial class ReadmeTests
{
    private static string Readme => File.ReadAllText(Path.Combine(OversightProcess.Folder, "repository", "README.md"));

    /// <summary>Each command of the tour with the output shown after it (null when none is).</summary>
    public static TheoryData<string, string?> Examples()
    {
        var data = new TheoryData<string, string?>();
        var blocks = Fence().Matches(Readme).Select(m => (Info: m.Groups[1].Value.Trim(), Body: m.Groups[2].Value, m.Index, End: m.Index + m.Length)).ToList();
        for (var b = 0; b < blocks.Count; b++)
        {
            if (blocks[b].Info != "sh")
            {
                continue;
            }

            var commands = Commands(blocks[b].Body);
            // An output block follows its command directly (only blank space between).
            var output = b + 1 < blocks.Count && blocks[b + 1].Info != "sh" && string.IsNullOrWhiteSpace(Readme[blocks[b].End..blocks[b + 1].Index])
                ? blocks[b + 1].Body
                : null;
            for (var c = 0; c < commands.Count; c++)
            {
                data.Add(commands[c], c == commands.Count - 1 ? output : null);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Readme_Command_PrintsWhatTheReadmeShows(string command, string? shown)
    {
        using var temp = new OversightProcess.TempFolder();
        foreach (var folder in new[] { "policies", "samples" })
        {
            Copy(OversightProcess.PathTo(folder), Path.Combine(temp.Path, folder));
        }

        // A command may use what an earlier one in the tour wrote (replay of big.jsonl): run those first.
        foreach (var earlier in Examples().Select(row => (string)row[0]).TakeWhile(c => c != command).Where(c => Writes(c).Any(f => Uses(command, f))))
        {
            Assert.Equal(0, OversightProcess.RunIn(temp.Path, null, Split(earlier)).ExitCode);
        }

        var result = OversightProcess.RunIn(temp.Path, null, Split(command));
        if (shown is null)
        {
            Assert.True(result.ExitCode == 0, $"oversight {command}: exit {result.ExitCode}\n{result.Out}{result.Error}");
            return;
        }

        var printed = result.Out + result.Error;
        Assert.True(Matches(shown, printed), $"oversight {command} printed\n{printed}\nbut the README shows\n{shown}");
    }

    [Fact]
    public void Readme_FilesTheTourWrites_AreIgnoredByGit()
    {
        var ignored = File.ReadAllLines(Path.Combine(OversightProcess.Folder, "repository", ".gitignore")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var written = Examples().Select(row => (string)row[0]).SelectMany(Writes).Distinct().ToList();

        Assert.NotEmpty(written);
        Assert.All(written, file => Assert.True(ignored.Contains("/" + file) || ignored.Contains(file), $"{file} is written by the README's tour but not in .gitignore"));
    }

    [Fact]
    public void Readme_Examples_AreFound()
    {
        var examples = Examples().Select(row => ((string)row[0], (string?)row[1])).ToList();
        Assert.Contains(examples, e => e.Item1.StartsWith("check ", StringComparison.Ordinal) && e.Item2 is not null);
        Assert.True(examples.Count(e => e.Item2 is not null) >= 8, string.Join("\n", examples.Select(e => e.Item1)));
    }

    /// <summary>The <c>oversight</c> commands of a shell block, continuation lines joined, comments and other programs left out.</summary>
    private static List<string> Commands(string block) =>
        [.. block.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(line => Comment().Replace(line, string.Empty).Trim())
            .Where(line => line.StartsWith("oversight ", StringComparison.Ordinal))
            .Select(line => Space().Replace(line["oversight ".Length..], " "))];

    /// <summary>Splits a command line as the shell would for these examples: on spaces, single quotes grouping.</summary>
    private static string[] Split(string command) =>
        [.. Word().Matches(command).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value)];

    private static IEnumerable<string> Writes(string command)
    {
        var words = Split(command);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (words[i] is "--out" or "--pdf" or "--xlsx" && !words[i + 1].Contains('/', StringComparison.Ordinal))
            {
                yield return words[i + 1];
            }
        }
    }

    private static bool Uses(string command, string file) => Split(command).Contains(file) && !Writes(command).Contains(file);

    /// <summary>Equal apart from whitespace, with '…' in the README standing for any text.</summary>
    internal static bool Matches(string shown, string printed)
    {
        static string Squeeze(string text) => Whitespace().Replace(text, string.Empty);
        var pattern = string.Join(".*?", Squeeze(shown).Split('…').Select(Regex.Escape));
        return Regex.IsMatch(Squeeze(printed), "^" + pattern + "$", RegexOptions.Singleline, TimeSpan.FromSeconds(10));
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"^```(\w*)[ \t]*\n(.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"'([^']*)'|\S+")]
    private static partial Regex Word();
}
