using ClosedXML.Excel;
using Oversight.Detection.Searches;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Reports.Disclosure;
using Oversight.Reports.Searches;
using Oversight.Searches;
using Oversight.Searches.Audit;
using Oversight.Tests.Searches;
using Oversight.Tests.Support;
using UglyToad.PdfPig;

namespace Oversight.Tests.Reports.Searches;

public sealed class SearchReportTests
{
    private static readonly DateTimeOffset GeneratedAt = new(2025, 10, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Policy Eugene = TestPolicies.Shipped("eugene-or-alpr.yaml");

    private static SearchReport Build(IReadOnlyList<AlprSearch> searches, string period, bool isInternal = false, Policy? policy = null)
    {
        policy ??= Eugene;
        Assert.True(ReportingPeriod.TryParse(period, policy.TimeZone, out var p, out var error), error);
        var ordered = SearchAudit.InOrder(searches);
        var rows = SearchAudit.Run(policy, ordered, new SearchHistory()).Select(SearchReportRow.From).ToList();
        var findings = SearchDetectors.Run(policy, ordered).Select(ReportFinding.From).ToList();
        var source = new ReportSource("the file test.csv", ordered[0].SearchedAt, ordered[^1].SearchedAt, ordered.Count, [], Inferred: true);
        return SearchReportBuilder.Build(new SearchReportInput(policy, rows, findings, p, new string('a', 64), GeneratedAt, isInternal) { Source = source });
    }

    private static readonly Lazy<SearchReport> Q3 = new(() => Build(SearchSamples.EugeneSearches, "2025Q3"));

    [Fact]
    public void Build_EugeneQ3_CountsWhatTheExportHolds()
    {
        var report = Q3.Value;
        var s = report.Summary;

        Assert.Equal(ReportMode.Full, report.Cover.Mode);
        Assert.Equal(2492, s.Searches.Value);
        Assert.Equal(s.Searches.Value, s.Clean.Value + s.Noted.Value + s.NeedsReview.Value + s.WouldHaveBeenDenied.Value);
        Assert.Equal(0, s.WouldHaveBeenDenied.Value);
        Assert.Equal(131, s.Officers.Value);
        Assert.Equal(PeriodCoverage.Partial, report.Coverage.Period);
        Assert.Equal(9, report.Weekly.Count);
        var timeFrame = Assert.Single(report.Rules, r => r.Id == "time-frame");
        Assert.Equal((0, 2492), (timeFrame.Violated.Value, timeFrame.NotPublished.Value));
        Assert.Contains(report.CommonReasons, r => r.Reason == "investigation" && r.Vague);
        Assert.Contains(report.CommonReasons, r => r.Reason == "uuv" && !r.Vague);
    }

    [Fact]
    public void Build_PublicReport_SuppressesSmallCountsAndNoWithheldCountCanBeWorkedOut()
    {
        var report = Q3.Value;

        Assert.True(report.Disclosure.Small > 0);
        Assert.Contains(report.Officers!.Bins, b => b.Requests.State == CellState.Small);
        Assert.All(report.Weekly, w => Assert.True(
            w.Searches.Value is not { } total || new[] { w.Clean, w.Noted, w.Review, w.Denied }.Count(c => c.Suppressed) != 1,
            $"week {w.Label}: a single withheld part of a published total can be worked out by subtraction"));
        var officers = report.Officers.Bins;
        Assert.True(report.Summary.Officers.Value is null || officers.Count(b => b.Requests.Suppressed) != 1);
    }

    [Fact]
    public void Renderers_PublicReport_NameNoOfficerNoSearchAndNoPlate()
    {
        var report = Q3.Value;
        var officer = SearchSamples.EugeneSearches[0].Requester!;
        var search = SearchSamples.EugeneSearches.First(s => report.Cover.PeriodStart <= s.SearchedAt).Id;
        using var pdf = new MemoryStream();
        using var xlsx = new MemoryStream();
        SearchReportPdf.Write(report, pdf);
        SearchReportWorkbook.Write(report, xlsx);
        var html = SearchReportHtml.Render(report);
        string pdfText;
        using (var document = PdfDocument.Open(pdf.ToArray()))
        {
            pdfText = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        }

        using var workbook = new XLWorkbook(new MemoryStream(xlsx.ToArray()));
        var cells = string.Join("\n", workbook.Worksheets.SelectMany(w => w.CellsUsed()).Select(c => c.GetString()));
        foreach (var text in new[] { pdfText, cells, html })
        {
            Assert.DoesNotContain(officer, text, StringComparison.Ordinal);
            Assert.DoesNotContain(search, text, StringComparison.Ordinal);
            Assert.DoesNotContain("41HP587", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("589hpm", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("Police licence-plate-reader searches", pdfText, StringComparison.Ordinal);
        Assert.Contains("2,492", pdfText, StringComparison.Ordinal);
        Assert.Equal(SearchReportWorkbook.PublicSheets, workbook.Worksheets.Select(w => w.Name));
        Assert.Contains("<html lang=\"en-US\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InternalReport_KeepsOfficersForAuditors()
    {
        var report = Build(SearchSamples.EugeneSearches, "2025Q3", isInternal: true);
        using var xlsx = new MemoryStream();
        SearchReportWorkbook.Write(report, xlsx);
        using var workbook = new XLWorkbook(new MemoryStream(xlsx.ToArray()));

        Assert.Equal(0, report.Disclosure.Small);
        Assert.Contains(workbook.Worksheets, w => w.Name == "Searches");
        Assert.Equal(2492, report.Internal!.Count);
    }

    [Fact]
    public void Build_FewSearches_PublishesOnlyTheBand()
    {
        var at = new DateTimeOffset(2025, 7, 8, 18, 0, 0, TimeSpan.Zero);
        var report = Build([SearchSamples.Search(id: "a", at: at), SearchSamples.Search(id: "b", at: at.AddDays(1))], "2025Q3");

        Assert.Equal(ReportMode.Band, report.Cover.Mode);
        Assert.Empty(report.Weekly);
        Assert.Empty(report.Rules);
        Assert.Contains("Fewer than 5", report.Highlights[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RedactedOfficers_AreCountedApartAndNeverAsOne()
    {
        var at = new DateTimeOffset(2025, 7, 7, 18, 0, 0, TimeSpan.Zero);
        var known = Enumerable.Range(0, 30).Select(i => SearchSamples.Search(id: $"k{i}", requester: $"officer-{i % 6}", at: at.AddHours(5 * i)));
        var masked = Enumerable.Range(0, 20).Select(i => SearchSamples.Search(id: $"m{i}", requester: null, at: at.AddHours((5 * i) + 1)));

        var report = Build([.. known, .. masked], "2025Q3");

        Assert.Equal(6, report.Summary.Officers.Value);
        Assert.Equal(20, report.Summary.UnknownOfficer.Value);
        Assert.Equal(("5–9", 6), (report.Officers!.Bins[1].Label, report.Officers.Bins[1].Requests.Value));
    }
}
