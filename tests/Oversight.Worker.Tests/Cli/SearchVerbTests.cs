using System.Text.Json;

namespace Oversight.Worker.Tests.Cli;

/// <summary>The verbs on the real Eugene, OR export (samples/eugene-or-flock) and on small exports written here.</summary>
public sealed class SearchVerbTests
{
    private const string Eugene = "samples/eugene-or-flock/EPDSearchAuditLogs-2025-06-18-to-08-31.csv";
    private const string Policy = "policies/eugene-or-alpr.yaml";

    [Fact]
    public void ImportFlock_EugeneExport_WritesEverySearchAsJsonLines()
    {
        using var temp = new OversightProcess.TempFolder();
        var output = Path.Combine(temp.Path, "searches.jsonl");

        var result = OversightProcess.Run("import", "flock", Eugene, "--agency", "eugene-or-pd", "--out", output);

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2973, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("alpr-search", first.GetProperty("kind").GetString());
        Assert.Equal("2025-06-18T00:02:04.789Z", first.GetProperty("searchedAt").GetString());
        Assert.Contains("2,973 searches from 1 file (flock-portal)", result.Error, StringComparison.Ordinal);
        Assert.Contains("136 officer accounts", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportFlock_PortalExportWithoutAgency_ExitsTwoAndSaysWhatToGive()
    {
        var result = OversightProcess.Run("import", "flock", Eugene);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--agency", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void ImportFlock_UnknownLayout_ExitsTwoNamingTheColumnsAndTheLayouts()
    {
        using var temp = new OversightProcess.TempFolder();
        var file = temp.File("other.csv", "searchId,officer,when,why\n1,2,3,4\n");

        var result = OversightProcess.Run("import", "flock", file, "--agency", "x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown export layout: the columns are 'searchId', 'officer', 'when', 'why'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Flock transparency portal CSV (flock-portal)", result.Error, StringComparison.Ordinal);
        Assert.Contains("Flock organization or network audit export (flock-audit)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportFlock_BadRows_AreNamedSkippedAndCountedAndStrictStops()
    {
        using var temp = new OversightProcess.TempFolder();
        var file = temp.File("portal.csv", "id,userId,searchDate,cameraCount,reason\na,u,2025-06-18 10:00:00,100,x\nb,u,2025-13-18 10:00:00,100,x\nc,u,2025-06-18 10:00:00,many,x\nd,u,2025-06-18 11:00:00,100,y\n");

        var lenient = OversightProcess.Run("import", "flock", file, "--agency", "x");
        var strict = OversightProcess.Run("import", "flock", file, "--agency", "x", "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(2, lenient.Out.Trim().Split('\n').Length);
        Assert.Contains("portal.csv: line 3, column 3: searchDate: '2025-13-18 10:00:00' is not a time Flock writes", lenient.Error, StringComparison.Ordinal);
        Assert.Contains("portal.csv: line 4, column 4: cameraCount: 'many' is not a count", lenient.Error, StringComparison.Ordinal);
        Assert.Contains("2 invalid rows skipped", lenient.Error, StringComparison.Ordinal);
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("stopped at the first invalid record (line 3) because of --strict", strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportFlock_NetworkAudit_KeepsPlatesOnlyAsHashesUnderTheKeptKey()
    {
        using var temp = new OversightProcess.TempFolder();
        var file = temp.File("audit.csv", "Name,Org Name,Total Networks Searched,License Plate,Reason,Search Time\n***,Springfield OR PD,42,ABC 123,stolen vehicle,\"06/08/2025, 09:11:16 AM UTC\"\n");
        var key = Path.Combine(temp.Path, "plates.key");

        var first = OversightProcess.Run("import", "flock", file, "--plate-key", key);
        var second = OversightProcess.Run("import", "flock", file, "--plate-key", key);
        var unkept = OversightProcess.Run("import", "flock", file);

        Assert.Equal(0, first.ExitCode);
        Assert.DoesNotContain("ABC", first.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("made a new plate key", first.Error, StringComparison.Ordinal);
        var hash = JsonDocument.Parse(first.Out).RootElement.GetProperty("plateHash").GetString();
        Assert.StartsWith("hmac-sha256:", hash, StringComparison.Ordinal);
        Assert.Equal(hash, JsonDocument.Parse(second.Out).RootElement.GetProperty("plateHash").GetString());
        Assert.NotEqual(hash, JsonDocument.Parse(unkept.Out).RootElement.GetProperty("plateHash").GetString());
        Assert.Contains("made for this run only", unkept.Error, StringComparison.Ordinal);
        Assert.Equal("springfield-or-pd", JsonDocument.Parse(first.Out).RootElement.GetProperty("agency").GetString());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(first.Out).RootElement.GetProperty("requester").ValueKind);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public void Replay_EugeneExport_AuditsEverySearchWithEveryRule()
    {
        using var temp = new OversightProcess.TempFolder();
        var output = Path.Combine(temp.Path, "decisions.jsonl");

        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", Eugene, "--agency", "eugene-or-pd", "--out", output);

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2973, lines.Length);
        var decision = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("compliant", decision.GetProperty("audit").GetString());
        Assert.Equal(10, decision.GetProperty("rules").GetArrayLength());
        Assert.Contains("2,973 searches audited", result.Error, StringComparison.Ordinal);
        Assert.Contains("rules broken: reason-length 2,726, vague-reason 1,055", result.Error, StringComparison.Ordinal);
        Assert.Contains("national-search 45", result.Error, StringComparison.Ordinal);
        Assert.Contains("not published: time-frame 2,973, wide-needs-case 907", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_EugeneExport_FindsThePatternsOfTheSearches()
    {
        var result = OversightProcess.Run("detect", "--policy", Policy, "--input", Eugene, "--agency", "eugene-or-pd");

        Assert.Equal(0, result.ExitCode);
        var findings = JsonDocument.Parse(result.Out).RootElement.GetProperty("findings").EnumerateArray().ToList();
        string[] kinds = ["rate-anomaly", "streak", "off-hours", "vague-reasons", "breadth-outlier"];
        Assert.All(kinds, kind => Assert.Contains(findings, f => f.GetProperty("kind").GetString() == kind));
        var officers = findings.Where(f => f.GetProperty("kind").GetString() == "rate-anomaly" && f.TryGetProperty("requester", out _)).Count();
        Assert.InRange(officers, 1, 136 / 10);
        Assert.Equal(45, findings.Where(f => f.GetProperty("kind").GetString() == "breadth-outlier").Sum(f => f.GetProperty("requestIds").GetArrayLength()));
    }

    [Fact]
    public void Report_EugeneExport_WritesTheSearchReport()
    {
        using var temp = new OversightProcess.TempFolder();
        var pdf = Path.Combine(temp.Path, "q3.pdf");
        var xlsx = Path.Combine(temp.Path, "q3.xlsx");
        var html = Path.Combine(temp.Path, "q3.html");

        var result = OversightProcess.Run("report", "--policy", Policy, "--input", Eugene, "--agency", "eugene-or-pd", "--period", "2025Q3", "--pdf", pdf, "--xlsx", xlsx, "--html", html);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2025Q3: 2,492 searches", result.Error, StringComparison.Ordinal);
        Assert.True(new FileInfo(pdf).Length > 10_000);
        Assert.True(new FileInfo(xlsx).Length > 5_000);
        Assert.Contains("Police licence-plate-reader searches", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_CandidateThatEnforces_ListsTheSearchesItWouldHaveDenied()
    {
        using var temp = new OversightProcess.TempFolder();
        var candidate = temp.File("strict.yaml", File.ReadAllText(Path.Combine(OversightProcess.Folder, Policy))
            .Replace("policy: eugene-or-alpr", "policy: eugene-or-alpr-strict", StringComparison.Ordinal)
            .Replace("{ id: national-search, kind: max-breadth, of: cameras, limit: 10000, action: warn,", "{ id: national-search, kind: max-breadth, of: cameras, limit: 10000, action: deny,", StringComparison.Ordinal));

        var result = OversightProcess.Run("simulate", "--baseline", Policy, "--candidate", candidate, "--input", Eugene, "--agency", "eugene-or-pd");

        Assert.Equal(0, result.ExitCode);
        var diff = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(45, diff.GetProperty("candidate").GetProperty("deny").GetInt32());
        Assert.Equal(45, diff.GetProperty("changed").GetArrayLength());
        Assert.Contains("would have been denied 45", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_EugeneExportSummary_WritesOnlyTheCountsByAuditOutcomeAndRule()
    {
        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", Eugene, "--agency", "eugene-or-pd", "--summary", "--quiet");

        Assert.Equal(0, result.ExitCode);
        var summary = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(2973, summary.GetProperty("searches").GetInt32());
        Assert.Equal(2973, summary.GetProperty("outcomes").GetProperty("compliant").GetInt32());
        Assert.Equal(45, summary.GetProperty("byRule").GetProperty("national-search").GetProperty("violated").GetInt32());
        Assert.Equal(907, summary.GetProperty("byRule").GetProperty("wide-needs-case").GetProperty("notPublished").GetInt32());
        Assert.Equal(2973, summary.GetProperty("byAgency").GetProperty("eugene-or-pd").GetProperty("compliant").GetInt32());
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Serve_SearchPolicyAsActivePolicy_ExitsTwoSayingTheServiceGatesFootageRequests()
    {
        using var temp = new OversightProcess.TempFolder();

        var result = OversightProcess.Run("serve", "--db", Path.Combine(temp.Path, "oversight.db"), "--policies", "policies", "--active-policy", "eugene-or-alpr", "--urls", "http://127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--active-policy 'eugene-or-alpr' is not loaded", result.Error, StringComparison.Ordinal);
        Assert.Contains("eugene-or-alpr.yaml, which audit ALPR searches: the service gates footage requests", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "--audit")]
    [InlineData("detect", "--audit")]
    [InlineData("report", "--agency")]
    [InlineData("simulate", "--plate-key")]
    public void Verbs_SearchOptionsOnFootageRequests_ExitTwoInsteadOfIgnoringThem(string verb, string option)
    {
        using var temp = new OversightProcess.TempFolder();
        string[] policy = verb == "simulate"
            ? ["--baseline", "policies/rochester-mn.yaml", "--candidate", "policies/ccops-strict.yaml"]
            : ["--policy", "policies/rochester-mn.yaml"];
        string[] value = option == "--audit" ? [option] : [option, option == "--plate-key" ? Path.Combine(temp.Path, "plate.key") : "x"];
        string[] period = verb == "report" ? ["--period", "2026Q3"] : [];

        var result = OversightProcess.Run([verb, .. policy, "--input", "samples/history.jsonl", .. value, .. period]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option} applies only to ALPR searches", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, "plate.key")));
    }

    [Theory]
    [InlineData("policies/rochester-mn.yaml", Eugene, "holds ALPR searches, but the policy rochester-mn judges footage requests")]
    [InlineData(Policy, "samples/history.jsonl", "judges ALPR searches (subject: alpr-searches), but samples/history.jsonl does not hold searches")]
    public void Replay_PolicyAndInputOfDifferentKinds_ExitTwo(string policy, string input, string message)
    {
        var result = OversightProcess.Run("replay", "--policy", policy, "--input", input, "--agency", "x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
