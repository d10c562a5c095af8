using Oversight.Reports;

namespace Oversight.Tests.Reports;

public sealed class ReportBuilderTests
{
    [Fact]
    public void Build_SmallQuarter_GivesTheKnownSummary()
    {
        var report = ReportFixture.Build();
        var s = report.Summary;
        Assert.Equal((12, 9, 1, 2), (s.Submitted, s.Allowed, s.Review, s.Denied));
        Assert.Equal(2 / 12.0, s.ShareDenied, 12);
        Assert.Equal(("2026Q2", 4, 0), (s.PreviousPeriod, s.PreviousSubmitted, s.PreviousDenied));
        Assert.Equal(2.0, s.SubmittedChange);
        Assert.Equal(2, s.Agencies);
        Assert.Equal(0.1, s.MedianAreaSqMiles);
        Assert.Equal(2.0, s.MedianWindowHours);
        Assert.Equal(11 / 12.0, s.ShareWithCaseNumber, 12);
        Assert.Equal((1, 0, 1), (s.FindingsHigh, s.FindingsMedium, s.FindingsLow));
        Assert.Equal("Town of Example", report.Cover.Jurisdiction);
        Assert.Equal("America/Chicago", report.Cover.TimeZone);
        Assert.Equal(ReportFixture.GeneratedAt, report.Cover.GeneratedAt);
    }

    [Fact]
    public void Build_SmallQuarter_GivesTheKnownBreakdowns()
    {
        var report = ReportFixture.Build();
        var north = report.ByAgency[0];
        Assert.Equal(("north-pd", 9, "7", "0", "<5"), (north.Agency, north.Submitted, north.Allowed.Text, north.Review.Text, north.Denied.Text));
        Assert.Equal(["area-limit", "window-limit"], report.Denials.Select(d => d.RuleId));
        Assert.Equal("Area larger than 0.5 sq mi", report.Denials[0].Description);
        Assert.Equal(["consent", "warrant", "exigent"], report.ByLegalBasis.Select(b => b.LegalBasis));
        Assert.Equal(["9", "<5", "<5"], report.ByLegalBasis.Select(b => b.Submitted.Text));
        Assert.Equal(0.5, report.Areas.Limit);
        Assert.Equal(12.0, report.Windows.Limit);
        Assert.Equal("10", report.Areas.Bins[0].Requests.Text);
        Assert.Equal("<5", report.Areas.Bins[6].Requests.Text);
        Assert.Equal([("high", "track", 4), ("low", "split-area", 2)], report.Findings.Select(f => (f.Severity, f.Kind, f.Requests)));
        Assert.Equal("7", Assert.Single(report.Policies).Version);
        Assert.Null(report.Internal);
    }

    [Fact]
    public void Build_Weeks_AreMondaysCoveringTheWholeQuarterWithExactTotals()
    {
        var report = ReportFixture.Build();
        Assert.Equal(14, report.Weekly.Count);
        Assert.Equal(new DateOnly(2026, 6, 29), report.Weekly[0].WeekStart);
        Assert.Equal(new DateOnly(2026, 9, 28), report.Weekly[^1].WeekStart);
        var week = report.Weekly.Single(w => w.WeekStart == new DateOnly(2026, 7, 6));
        Assert.Equal((7, "7", "0", "0"), (week.Submitted, week.Allowed.Text, week.Review.Text, week.Denied.Text));
        Assert.Equal(12, report.Weekly.Sum(w => w.Submitted));
    }

    [Fact]
    public void Build_Internal_ShowsExactCountsAndRowLevelDetail()
    {
        var report = ReportFixture.Build(isInternal: true);
        Assert.Equal("2", report.ByAgency[0].Denied.Text);
        Assert.Equal(12, report.Internal!.Requests.Count);
        Assert.Equal(6, report.Internal.FindingRequests.Count);
    }

    [Fact]
    public void Build_Geography_PlacesEachRequestInTheTractHoldingItsCentre()
    {
        var geography = ReportFixture.Geography();
        var report = ReportFixture.Build(isInternal: true, geography: geography);
        var expected = geography.Areas[geography.Locate(-92.466, 44.022)].Id;
        Assert.Equal("12", report.Geography!.Areas.Single(a => a.Id == expected).Requests.Text);
        Assert.Equal("0", report.Geography.Outside.Text);
        Assert.Equal(35, report.Geography.Areas.Count);
    }

    [Fact]
    public void Previous_QuarterMonthAndYear_AreTheSameLengthJustBefore()
    {
        var zone = ReportFixture.Policy.TimeZone;
        Assert.Equal("2025Q4", ReportFixture.Period("2026Q1").Previous(zone).Name);
        Assert.Equal("2026-07", ReportFixture.Period("2026-08").Previous(zone).Name);
        var year = ReportFixture.Period("2026").Previous(zone);
        Assert.Equal(("2025", ReportFixture.Period("2026").Start), (year.Name, year.End));
        Assert.Equal(ReportFixture.Period("2025").Start, year.Start);
    }
}
