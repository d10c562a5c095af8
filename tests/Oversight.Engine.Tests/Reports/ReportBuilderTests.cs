using Oversight.Gate;
using Oversight.Reports;
using Oversight.Reports.Disclosure;

namespace Oversight.Tests.Reports;

public sealed class ReportBuilderTests
{
    [Fact]
    public void Build_SmallQuarter_PublishesTheTotalAndWithholdsSmallDecisions()
    {
        var report = ReportFixture.Build();
        var s = report.Summary;
        Assert.Equal(ReportMode.Full, report.Cover.Mode);
        Assert.Equal(12, s.Submitted.Value);
        Assert.Equal(("<5", "<5"), (s.Review.Text, s.Denied.Text));
        Assert.Null(s.ShareDenied);
        Assert.Equal(2, s.Agencies);
        Assert.Equal(0.1, s.MedianAreaSqMiles);
        Assert.Equal(2.0, s.MedianWindowHours);
        Assert.Equal((1, 0, 1), (s.FindingsHigh, s.FindingsMedium, s.FindingsLow));
        Assert.Equal("Town of Example", report.Cover.Jurisdiction);
        Assert.Equal(ReportFixture.GeneratedAt, report.Cover.GeneratedAt);
    }

    [Fact]
    public void Build_PreviousPeriodPartlyCovered_GivesNoChange()
    {
        var report = ReportBuilder.Build(new ReportInput(ReportFixture.Policy, ReportFixture.Requests(), [], ReportFixture.Q3, new string('a', 64), ReportFixture.GeneratedAt)
        {
            Source = new ReportSource("the test input", new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero), 16, [], Inferred: false),
        });
        Assert.Equal(PeriodCoverage.Full, report.Coverage.Period);
        Assert.Equal(PeriodCoverage.Partial, report.Coverage.Previous);
        Assert.Null(report.Summary.SubmittedChange);
        Assert.Equal("the input does not cover all of 2026Q2", report.Summary.ChangeWithheld);
        Assert.Contains(report.Highlights, h => h.Contains("no change is given because the input does not cover all of 2026Q2", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_PreviousPeriodCoveredWithEnoughRequests_GivesTheChange()
    {
        var rows = ReportFixture.Requests().Where(r => r.SubmittedAt.Month >= 7).ToList();
        for (var i = 0; i < 8; i++)
        {
            rows.Add(rows[0] with { Id = $"april-{i}", SubmittedAt = new DateTimeOffset(2026, 4, 1, 15, 0, 0, TimeSpan.Zero).AddDays(i * 11) });
        }

        var report = ReportBuilder.Build(new ReportInput(ReportFixture.Policy, rows, [], ReportFixture.Q3, new string('a', 64), ReportFixture.GeneratedAt)
        {
            Source = new ReportSource("the test input", new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero), rows.Count, [], Inferred: false),
        });

        Assert.Equal(0.5, report.Summary.SubmittedChange);
        Assert.Contains(report.Highlights, h => h.Contains("50% more than in 2026Q2 (8)", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_PeriodTheInputDoesNotReach_SaysNoDataOnOnePage()
    {
        var report = ReportBuilder.Build(new ReportInput(ReportFixture.Policy, ReportFixture.Requests(), [], ReportFixture.Period("2027Q1"), new string('a', 64), ReportFixture.GeneratedAt));
        Assert.Equal(ReportMode.NoData, report.Cover.Mode);
        Assert.Equal(PeriodCoverage.None, report.Coverage.Period);
        Assert.StartsWith("There is no data for 2027Q1", report.Highlights[0], StringComparison.Ordinal);
        Assert.Empty(report.Weekly);
        Assert.Contains(ReportTables.Summary(report).Rows, r => r[0] == "Requests submitted" && r[1] == "no data");
    }

    [Fact]
    public void Build_CoveredPeriodWithoutRequests_IsEmptyNotZeros()
    {
        var report = ReportBuilder.Build(new ReportInput(ReportFixture.Policy, ReportFixture.Requests(), [], ReportFixture.Q3, new string('a', 64), ReportFixture.GeneratedAt)
        {
            Source = new ReportSource("the decision log", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), 16, [], Inferred: false),
        } with { Requests = [.. ReportFixture.Requests().Where(r => r.SubmittedAt.Month < 7)] });
        Assert.Equal(ReportMode.Empty, report.Cover.Mode);
        Assert.Equal("No requests for camera footage were submitted in 2026Q3.", report.Highlights[0]);
    }

    [Fact]
    public void Build_InputEndingInsideThePeriod_IsPartialAndSaysSo()
    {
        var report = ReportFixture.Build();
        Assert.Equal(PeriodCoverage.Partial, report.Coverage.Period);
        Assert.Equal("the input does not cover all of 2026Q3", report.Summary.ChangeWithheld);
        Assert.Contains(report.Highlights, h => h.StartsWith("The input covers only part of this period (its records run from May 2026 to August 2026)", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Weeks_AreMondaysWithPartialWeeksMarked()
    {
        var report = ReportFixture.Build();
        Assert.Equal(14, report.Weekly.Count);
        var first = report.Weekly[0];
        Assert.Equal((new DateOnly(2026, 6, 29), new DateOnly(2026, 7, 1), 5, true), (first.WeekStart, first.FirstDay, first.DaysInPeriod, first.Partial));
        Assert.Equal(new DateOnly(2026, 9, 30), report.Weekly[^1].LastDay);
        var week = report.Weekly.Single(w => w.WeekStart == new DateOnly(2026, 7, 6));
        Assert.Equal(7, week.Submitted.Value);
        Assert.False(week.Partial);
    }

    [Fact]
    public void Build_EveryBreakdownAddsUpToTheTotalWhereItIsPublished()
    {
        var report = ReportFixture.Build(geography: ReportFixture.Geography());
        foreach (var rows in new[] { report.ByAgency, report.ByLegalBasis, report.ByIncidentType })
        {
            foreach (var row in rows.Where(r => new[] { r.Submitted, r.Allowed, r.Review, r.Denied }.All(c => c.Value is not null)))
            {
                Assert.Equal(row.Submitted.Value, row.Allowed.Value + row.Review.Value + row.Denied.Value);
            }
        }

        Assert.All(report.ByAgency.Concat(report.ByLegalBasis), r => Assert.True(r.Submitted.Value is null or 0 or >= 5 || r.Submitted.State == CellState.Small));
    }

    [Fact]
    public void Build_Internal_ShowsExactCountsAndRowLevelDetail()
    {
        var report = ReportFixture.Build(isInternal: true);
        Assert.Equal("2", report.ByAgency[0].Denied.Text);
        Assert.Equal(0, report.Disclosure.Small);
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
        Assert.False(report.Geography.HasPopulation);
        Assert.All(report.Geography.Areas, a => Assert.Null(a.PerThousand));
    }

    [Fact]
    public void Build_GeographyWithPopulation_GivesRatesOnlyBesidePublishedCounts()
    {
        var geography = ReportFixture.Geography();
        var populated = new ReportGeography("tracts.geojson", [.. geography.Areas.Select(a => a with { Population = 4000 })]);
        var report = ReportFixture.Build(isInternal: true, geography: populated);
        var tract = report.Geography!.Areas.Single(a => a.Requests.Value == 12);
        Assert.Equal(3.0, tract.PerThousand);
        Assert.True(report.Geography.HasPopulation);
        var withheld = ReportFixture.Build(geography: populated).Geography!;
        Assert.All(withheld.Areas.Where(a => a.Requests.Suppressed), a => Assert.Null(a.PerThousand));
    }

    [Fact]
    public void Build_PolicyVersions_AreDatesNotMinutes()
    {
        var version = Assert.Single(ReportFixture.Build().Policies);
        Assert.Equal(new DateOnly(2026, 7, 6), version.FirstUsed);
        Assert.Equal("12", version.Requests.Text);
    }

    [Fact]
    public void Build_FindingsWithDispositions_ShowEachOnesLatest()
    {
        var report = ReportBuilder.Build(new ReportInput(ReportFixture.Policy, ReportFixture.Requests(), ReportFixture.Findings(), ReportFixture.Q3, new string('a', 64), ReportFixture.GeneratedAt)
        {
            Dispositions =
            [
                new("f-1", DispositionKind.Acknowledged, null, "auditor-1", new DateTimeOffset(2026, 10, 3, 9, 0, 0, TimeSpan.Zero)),
                new("f-1", DispositionKind.Referred, "Sent to the inspector", "auditor-2", new DateTimeOffset(2026, 10, 4, 9, 0, 0, TimeSpan.Zero)),
            ],
        });
        var track = report.Findings.Single(f => f.Id == "f-1");
        Assert.Equal((DispositionKind.Referred, "auditor-2"), (track.Disposition!.Kind, track.Disposition.By));
        Assert.Null(report.Findings.Single(f => f.Id == "f-0").Disposition);
        Assert.Contains(report.Highlights, h => h.Contains("1 set of requests that could follow one person's movements", StringComparison.Ordinal) && h.Contains("1 referred", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WithoutNotes_MarksEveryStaffItemNotProvided()
    {
        var report = ReportFixture.Build();
        var sharing = report.Ordinance.Single(o => o.Reference == "Oakland B");
        Assert.Equal(OrdinanceAnswer.NotProvided, sharing.Answer);
        Assert.Equal(OrdinanceAnswer.Data, report.Ordinance.Single(o => o.Reference == "Oakland A").Answer);
        Assert.Equal(13, report.Ordinance.Count);
    }

    [Fact]
    public void Build_WithNotes_AnswersTheOrdinanceItemsFromThem()
    {
        var notes = ReportNotes.Parse("sharing: No footage was shared outside the department.\ncosts: $12,000 in staff time.\n", "notes.yaml", out var problems)!;
        Assert.Empty(problems);
        var report = ReportBuilder.Build(new ReportInput(ReportFixture.Policy, ReportFixture.Requests(), [], ReportFixture.Q3, new string('a', 64), ReportFixture.GeneratedAt) { Notes = notes });
        Assert.Equal(OrdinanceAnswer.Note, report.Ordinance.Single(o => o.Reference == "Oakland B").Answer);
        Assert.Equal(notes.Sha256, report.Provenance.NotesSha256);
    }

    [Fact]
    public void Build_Rulebook_StatesEveryRuleInWords()
    {
        var report = ReportFixture.Build();
        Assert.Equal(["A request may cover at most 0.5 sq mi.", "A request may ask for at most 12 hours of footage."], report.Rulebook.Select(r => r.Statement));
        Assert.All(report.Rulebook, r => Assert.Equal("denied", r.Consequence));
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
