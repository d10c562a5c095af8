using Oversight.Reports.Pdf;
using ScottPlot.Plottables;

namespace Oversight.Tests.Reports;

/// <summary>Charts against tables: every bar is a published value; a withheld part is exactly what the published total leaves.</summary>
public sealed class ReportChartsTests
{
    [Fact]
    public void Weekly_BarsStackToThePublishedWeekTotalsAndDrawNoWithheldValue()
    {
        var report = ReportFixture.Build();
        var bars = ReportCharts.Weekly(report).GetPlottables<BarPlot>().SelectMany(p => p.Bars).ToList();

        for (var i = 0; i < report.Weekly.Count; i++)
        {
            var week = report.Weekly[i];
            var stack = bars.Where(b => b.Position == i).ToList();
            if (week.Submitted.Value is { } total)
            {
                Assert.Equal(total, stack.Sum(b => b.Value - b.ValueBase), 9);
            }

            var published = new[] { week.Allowed, week.Review, week.Denied }.Where(c => c.Value > 0).Select(c => (double)c.Value!.Value).ToList();
            var plain = stack.Where(b => b.FillHatch is null).Select(b => b.Value - b.ValueBase).ToList();
            Assert.Equal(published, plain);
            Assert.True(stack.Count(b => b.FillHatch is not null) <= 1, "one hatched segment at most");
        }
    }

    [Fact]
    public void Distribution_DrawsTheLimitAndTheFloorAndNoHeightForAWithheldBin()
    {
        var report = ReportFixture.Build();
        var plot = ReportCharts.Distribution(report.Areas!);
        var lines = plot.GetPlottables<VerticalLine>().ToList();
        Assert.Single(lines);
        var bars = plot.GetPlottables<BarPlot>().SelectMany(p => p.Bars).ToList();
        for (var i = 0; i < report.Areas!.Bins.Count; i++)
        {
            var bin = report.Areas.Bins[i];
            var bar = bars.Single(b => b.Position == i);
            if (bin.Requests.Value is { } v)
            {
                Assert.Equal(v, bar.Value);
            }
            else
            {
                Assert.NotNull(bar.FillHatch);
                Assert.True(bar.Value < 1, "a withheld bin is a small marker, not a value");
            }
        }
    }

    [Fact]
    public void Denials_OneRule_StillHasRoomForItsBar()
    {
        var report = ReportFixture.Build(isInternal: true);
        var plot = ReportCharts.Denials(report with { Denials = [report.Denials[0]] }, 1);
        var limits = plot.Axes.GetLimits();
        Assert.True(limits.Top - limits.Bottom >= 1);
    }
}
