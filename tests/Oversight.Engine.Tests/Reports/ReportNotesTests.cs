using Oversight.Reports;

namespace Oversight.Tests.Reports;

public sealed class ReportNotesTests
{
    [Fact]
    public void Parse_TopicsAsText_KeepsEachAndItsHash()
    {
        var notes = ReportNotes.Parse("period: 2026Q3\npreparedBy: City Clerk\nsharing: none\ncosts: |\n  $12,000\n  in staff time\n", "notes.yaml", out var problems);

        Assert.Empty(problems);
        Assert.Equal(("2026Q3", "City Clerk"), (notes!.Period, notes.PreparedBy));
        Assert.Equal("$12,000\nin staff time", notes["costs"]);
        Assert.Null(notes["breaches"]);
        Assert.Equal(64, notes.Sha256.Length);
    }

    [Fact]
    public void Parse_BadFile_NamesEveryProblemWithLineAndColumn()
    {
        var notes = ReportNotes.Parse("sharng: x\nbreaches:\ncomplaints: [a, b]\nsharing: ok\n", "notes.yaml", out var problems);

        Assert.Null(notes);
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("notes.yaml:1:1: unknown key 'sharng'", problems[0].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("notes.yaml:2:10: 'breaches' is empty", problems[1].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("notes.yaml:3:13: 'complaints' must be text", problems[2].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotYaml_SaysWhere()
    {
        Assert.Null(ReportNotes.Parse("sharing: [unclosed\n", "notes.yaml", out var problems));
        Assert.StartsWith("notes.yaml:", Assert.Single(problems).ToString(), StringComparison.Ordinal);
    }
}
