using Oversight.Reports.Pdf;
using UglyToad.PdfPig;

namespace Oversight.Tests.Reports;

public sealed class ReportPdfTests
{
    private static string Text(bool isInternal = false)
    {
        using var buffer = new MemoryStream();
        ReportPdf.Write(ReportFixture.Build(isInternal, ReportFixture.Geography()), buffer);
        using var pdf = PdfDocument.Open(buffer.ToArray());
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public void Write_PublicReport_CarriesTheNumbersAndTheSuppression()
    {
        var text = Text();
        Assert.Contains("Town of Example", text, StringComparison.Ordinal);
        Assert.Contains("submitted 12 requests", text, StringComparison.Ordinal);
        Assert.Contains("16.7%", text, StringComparison.Ordinal);
        Assert.Contains("north-pd 9 7 0 <5", text, StringComparison.Ordinal);
        Assert.Contains("follow a 2.3 km path", text, StringComparison.Ordinal);
        Assert.Contains(new string('a', 64), text, StringComparison.Ordinal);
        Assert.Contains("Tract", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PublicReport_NamesNoRequestRequesterOrCase()
    {
        var text = Text();
        Assert.DoesNotContain(ReportFixture.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("REQ-", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InternalReport_SaysSoAndShowsExactCounts()
    {
        var text = Text(isInternal: true);
        Assert.Contains("INTERNAL", text, StringComparison.Ordinal);
        Assert.Contains("north-pd 9 7 0 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoRuns_AreTheSameBytes()
    {
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        ReportPdf.Write(ReportFixture.Build(), a);
        ReportPdf.Write(ReportFixture.Build(), b);
        Assert.True(a.Length > 10_000);
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
