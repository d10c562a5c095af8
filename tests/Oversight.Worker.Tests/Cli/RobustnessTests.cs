namespace Oversight.Worker.Tests.Cli;

/// <summary>
/// What a user does by accident never crashes a verb: every verb, run with a path into a missing
/// folder, a file it cannot read, or a broken policy, answers one line naming the problem and exit
/// status 2 — never a stack trace. (Three classes, so that xunit runs them side by side.)
/// </summary>
internal static class Accidents
{
    public const string Good = "policies/rochester-mn.yaml";
    public const string History = "samples/history.jsonl";
    public const string Request = "samples/request.json";

    /// <summary>Placeholders in the command lines below: the folders and files each test makes.</summary>
    public static string[] Expand(string[] args, OversightProcess.TempFolder temp) =>
        [.. args.Select(a => a
            .Replace("{missing}", Path.Combine(temp.Path, "missing"), StringComparison.Ordinal)
            .Replace("{folder}", temp.Path, StringComparison.Ordinal)
            .Replace("{broken}", Path.Combine(temp.Path, "broken.yaml"), StringComparison.Ordinal)
            .Replace("{brokenfolder}", Path.Combine(temp.Path, "brokenpolicies"), StringComparison.Ordinal)
            .Replace("{brokentests}", Path.Combine(temp.Path, "brokentests"), StringComparison.Ordinal))];

    /// <summary>A policy with a flow mapping left open (the typo that used to kill the service), and a test file and folder that use it.</summary>
    public static void MakeBroken(OversightProcess.TempFolder temp)
    {
        var text = File.ReadAllText(OversightProcess.PathTo("policies", "rochester-mn.yaml"))
            .Replace("limit: 0.5 sq mi }", "limit: 0.5 sq mi", StringComparison.Ordinal)
            .Replace("boundaries/", OversightProcess.PathTo("policies", "boundaries") + "/", StringComparison.Ordinal);
        temp.File("broken.yaml", text);
        Directory.CreateDirectory(Path.Combine(temp.Path, "brokenpolicies"));
        File.WriteAllText(Path.Combine(temp.Path, "brokenpolicies", "broken.yaml"), text);
        Directory.CreateDirectory(Path.Combine(temp.Path, "brokentests"));
        File.WriteAllText(Path.Combine(temp.Path, "brokentests", "cases.yaml"),
            """
            - name: anything
              policy: ../broken.yaml
              request:
                agency: rochester-mn-pd
                requester: badge-4411
                submittedAt: "2026-08-01T14:00:00Z"
                window: { start: "2026-08-01T01:00:00Z", end: "2026-08-01T05:00:00Z" }
                area: { center: { lat: 44.0121, lon: -92.4802 }, radiusMeters: 300 }
              expect: { decision: allow }
            """);
    }

    public static void AssertNoCrash(RunResult result, string args, string mustName)
    {
        var all = result.Out + result.Error;
        Assert.True(result.ExitCode == 2, $"oversight {args}: exit {result.ExitCode}, expected 2\n{all}");
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", all, StringComparison.Ordinal);
        Assert.True(all.Contains(mustName, StringComparison.Ordinal), $"oversight {args}: the output does not name {mustName}\n{all}");
    }
}

public sealed class MissingFolderTests
{
    public static TheoryData<string> Commands => new()
    {
        "check --policy {missing}/p.yaml samples/request.json",
        "check --policy policies/rochester-mn.yaml {missing}/request.json",
        "check --policy policies/rochester-mn.yaml --history {missing}/h.jsonl samples/request.json",
        "replay --policy policies/rochester-mn.yaml --input {missing}/h.jsonl",
        "replay --policy policies/rochester-mn.yaml --input samples/history.jsonl --out {missing}/d.jsonl",
        "simulate --baseline policies/rochester-mn.yaml --candidate {missing}/c.yaml --input samples/history.jsonl",
        "simulate --baseline policies/rochester-mn.yaml --candidate policies/ccops-strict.yaml --input samples/history.jsonl --out {missing}/diff.xlsx",
        "detect --policy policies/rochester-mn.yaml --input samples/history.jsonl --out {missing}/f.json",
        "report --policy policies/rochester-mn.yaml --input {missing}/h.jsonl --period 2026Q3",
        "report --policy policies/rochester-mn.yaml --input samples/history.jsonl --period 2026Q3 --pdf {missing}/q.pdf",
        "report --policy policies/rochester-mn.yaml --input samples/history.jsonl --period 2026Q3 --xlsx {missing}/q.xlsx",
        "report --policy policies/rochester-mn.yaml --input samples/history.jsonl --period 2026Q3 --geography {missing}/g.geojson",
        "generate --count 5 --out {missing}/g.jsonl",
        "policy validate {missing}/p.yaml",
        "policy test {missing}",
        "policy compare {missing}/a.yaml policies/rochester-mn.yaml",
        "serve --policies {missing}",
        "serve --geography {missing}/g.geojson",
        "keys list --db {missing}/o.db",
        "keys revoke 1 --db {missing}/o.db",
        "audit verify --db {missing}/o.db",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Verb_PathInMissingFolder_OneLineExit2(string command)
    {
        using var temp = new OversightProcess.TempFolder();
        var args = Accidents.Expand(command.Split(' '), temp);
        var result = OversightProcess.Run(args);
        Accidents.AssertNoCrash(result, command, Path.Combine(temp.Path, "missing"));
    }
}

public sealed class UnreadableFileTests
{
    /// <summary>{folder} is a folder given where a file is expected: unreadable as a file even for root, who reads any file.</summary>
    public static TheoryData<string> Commands => new()
    {
        "check --policy {folder} samples/request.json",
        "check --policy policies/rochester-mn.yaml {folder}",
        "check --policy policies/rochester-mn.yaml --history {folder} samples/request.json",
        "replay --policy policies/rochester-mn.yaml --input {folder}",
        "replay --policy policies/rochester-mn.yaml --input samples/history.jsonl --out {folder}",
        "simulate --baseline {folder} --candidate policies/ccops-strict.yaml --input samples/history.jsonl",
        "detect --policy policies/rochester-mn.yaml --input {folder}",
        "report --policy policies/rochester-mn.yaml --input samples/history.jsonl --period 2026Q3 --geography {folder}",
        "report --policy policies/rochester-mn.yaml --input samples/history.jsonl --period 2026Q3 --pdf {folder}",
        "generate --count 5 --out {folder}",
        "policy validate {folder}",
        "policy compare policies/rochester-mn.yaml {folder}",
        "keys create --role admin --db {folder}",
        "keys list --db {folder}",
        "audit verify --db {folder}",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Verb_FolderWhereAFileBelongs_OneLineExit2(string command)
    {
        using var temp = new OversightProcess.TempFolder();
        var args = Accidents.Expand(command.Split(' '), temp);
        var result = OversightProcess.Run(args);
        Accidents.AssertNoCrash(result, command, temp.Path);
    }

    [Fact]
    public void Verb_FileWithoutReadPermission_OneLineExit2()
    {
        if (Environment.UserName == "root" || !OperatingSystem.IsLinux())
        {
            // root reads any file; the folder cases above stand in for it.
            return;
        }

        using var temp = new OversightProcess.TempFolder();
        var locked = temp.File("locked.jsonl", "{}\n");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var result = OversightProcess.Run("replay", "--policy", Accidents.Good, "--input", locked);
        Accidents.AssertNoCrash(result, "replay --input locked.jsonl", locked);
    }

    [Fact]
    public void Verb_FileOfAnotherKind_SaysWhatItExpected()
    {
        using var temp = new OversightProcess.TempFolder();
        var notADatabase = temp.File("notes.db", "these are notes, not a database\n");
        var result = OversightProcess.Run("audit", "verify", "--db", notADatabase);
        Accidents.AssertNoCrash(result, "audit verify --db notes.db", "database");
    }
}

public sealed class BrokenPolicyTests
{
    public static TheoryData<string> Commands => new()
    {
        "check --policy {broken} samples/request.json",
        "replay --policy {broken} --input samples/history.jsonl",
        "simulate --baseline policies/rochester-mn.yaml --candidate {broken} --input samples/history.jsonl",
        "detect --policy {broken} --input samples/history.jsonl",
        "report --policy {broken} --input samples/history.jsonl --period 2026Q3",
        "policy validate {broken}",
        "policy test {brokentests}",
        "policy compare {broken} policies/ccops-strict.yaml",
        "serve --policies {brokenfolder}",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Verb_PolicyWithUnclosedBrace_NamesFileAndLineExit2(string command)
    {
        using var temp = new OversightProcess.TempFolder();
        Accidents.MakeBroken(temp);
        var args = Accidents.Expand(command.Split(' '), temp);
        var result = OversightProcess.Run(args);
        Accidents.AssertNoCrash(result, command, command.StartsWith("serve", StringComparison.Ordinal) ? "no valid policy" : "broken.yaml:15:5: not valid YAML: this '{' is not closed");
    }
}
