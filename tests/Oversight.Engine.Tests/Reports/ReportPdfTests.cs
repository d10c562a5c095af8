using Oversight.Reports;
using Oversight.Reports.Pdf;
using UglyToad.PdfPig;

namespace Oversight.Tests.Reports;

public sealed class ReportPdfTests
{
    private static byte[] Bytes(TransparencyReport report)
    {
        using var buffer = new MemoryStream();
        ReportPdf.Write(report, buffer);
        return buffer.ToArray();
    }

    private static string Text(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public void Write_PublicReport_CarriesTheNumbersAndTheSuppression()
    {
        var text = Text(Bytes(ReportFixture.Build(geography: ReportFixture.Geography())));
        Assert.Contains("Town of Example", text, StringComparison.Ordinal);
        Assert.Contains("Agencies submitted 12 requests", text, StringComparison.Ordinal);
        Assert.Contains("north-pd [c] 7", text, StringComparison.Ordinal);
        Assert.Contains("follow a 2.3 km", text, StringComparison.Ordinal);
        Assert.Contains(new string('a', 64), text, StringComparison.Ordinal);
        Assert.Contains("Tract", text, StringComparison.Ordinal);
        Assert.Contains("<5", text, StringComparison.Ordinal);
        Assert.Contains("[c]", text, StringComparison.Ordinal);
        Assert.Contains("Not provided", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PublicReport_NamesNoRequestRequesterOrCase()
    {
        var text = Text(Bytes(ReportFixture.Build(geography: ReportFixture.Geography())));
        Assert.DoesNotContain(ReportFixture.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("REQ-", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InternalReport_SaysSoAndShowsExactCounts()
    {
        var text = Text(Bytes(ReportFixture.Build(isInternal: true)));
        Assert.Contains("INTERNAL", text, StringComparison.Ordinal);
        Assert.Contains("north-pd 9 7 0 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Document_HasTitleLanguageAndAnOutlineOfEverySection()
    {
        var bytes = Bytes(ReportFixture.Build(geography: ReportFixture.Geography()));
        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal("Town of Example: camera footage requests, 2026Q3", pdf.Information.Title);
        Assert.Contains("/Lang (en-US)", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var titles = bookmarks.GetNodes().Select(n => n.Title).ToList();
        string[] sections = ["Summary", "Requests each week", "Why requests were denied", "Where footage was requested", "Patterns found across requests", "What the oversight ordinances ask for", "Staff notes", "The rules in force", "How this report is made", "Provenance"];
        Assert.Empty(sections.Except(titles));
    }

    [Fact]
    public void Write_EmptyPeriod_IsOnePage()
    {
        var report = ReportBuilder.Build(new ReportInput(ReportFixture.Policy, ReportFixture.Requests(), [], ReportFixture.Period("2027Q1"), new string('a', 64), ReportFixture.GeneratedAt));
        using var pdf = PdfDocument.Open(Bytes(report));
        Assert.Equal(1, pdf.NumberOfPages);
        Assert.Contains("no data", string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoRuns_AreTheSameBytes()
    {
        var a = Bytes(ReportFixture.Build());
        var b = Bytes(ReportFixture.Build());
        Assert.True(a.Length > 10_000);
        Assert.Equal(a, b);
    }
}
