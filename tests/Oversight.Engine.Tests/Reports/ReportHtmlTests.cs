using System.Text.RegularExpressions;
using Oversight.Reports.Html;

namespace Oversight.Tests.Reports;

public sealed class ReportHtmlTests
{
    private static readonly string Page = ReportHtml.Render(ReportFixture.Build(geography: ReportFixture.Geography()));

    [Fact]
    public void Render_Page_HasLanguageTitleAndHeadingsInOrder()
    {
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en-US\">", Page, StringComparison.Ordinal);
        Assert.Contains("<title>Town of Example: camera footage requests, 2026Q3</title>", Page, StringComparison.Ordinal);
        var levels = Regex.Matches(Page, "<h([1-6])").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(1, levels[0]);
        Assert.Single(levels, l => l == 1);
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"heading level jumps from h{levels[i - 1]} to h{levels[i]}");
        }
    }

    [Fact]
    public void Render_Tables_AreRealTablesWithCaptionsAndHeaders()
    {
        var tables = Regex.Matches(Page, "<table>.*?</table>", RegexOptions.Singleline);
        Assert.True(tables.Count >= 10);
        Assert.All(tables, t =>
        {
            Assert.Contains("<caption>", t.Value, StringComparison.Ordinal);
            Assert.Contains("<th scope=\"col\"", t.Value, StringComparison.Ordinal);
            Assert.Contains("<th scope=\"row\"", t.Value, StringComparison.Ordinal);
        });
        Assert.Contains("&lt;5", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Charts_AreInlineSvgWithTextAlternatives()
    {
        Assert.Contains("<svg role=\"img\" aria-label=\"Requests each week", Page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ReportFixture.Secret, Page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithALogCheckpoint_StatesItInTheProvenance()
    {
        var report = Oversight.Reports.ReportBuilder.Build(new Oversight.Reports.ReportInput(ReportFixture.Policy, ReportFixture.Requests(), [], ReportFixture.Q3, new string('a', 64), ReportFixture.GeneratedAt)
        {
            Checkpoint = new Oversight.Reports.LogCheckpoint("oversight.town/decisions", 1234, "q8F0aWVoA3E4z2m5s7R0bQ==", "oversight.town/decisions\n1234\nq8F0aWVoA3E4z2m5s7R0bQ==\n\n— oversight.town/decisions AbCd\n"),
        });

        var page = ReportHtml.Render(report);

        Assert.Contains("<th scope=\"row\">Log tree size</th><td>1,234</td>", page, StringComparison.Ordinal);
        Assert.Contains("q8F0aWVoA3E4z2m5s7R0bQ==", page, StringComparison.Ordinal);
        Assert.Equal(1234, report.Provenance.Checkpoint!.TreeSize);
    }
}
