using Oversight.Policies;

namespace Oversight.Tests.Policies;

public sealed class ReportingPeriodTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Theory]
    [InlineData("2026Q3", "2026-07-01T00:00:00-05:00", "2026-10-01T00:00:00-05:00")]
    [InlineData("2026Q4", "2026-10-01T00:00:00-05:00", "2027-01-01T00:00:00-06:00")]
    [InlineData("2026-02", "2026-02-01T00:00:00-06:00", "2026-03-01T00:00:00-06:00")]
    [InlineData("2026", "2026-01-01T00:00:00-06:00", "2027-01-01T00:00:00-06:00")]
    public void TryParse_IsLocalToThePolicysTimeZone(string text, string start, string end)
    {
        Assert.True(ReportingPeriod.TryParse(text, Chicago, out var period, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
        Assert.True(period.Contains(period.Start));
        Assert.False(period.Contains(period.End));
    }

    [Theory]
    [InlineData("2026Q5")]
    [InlineData("2026-13")]
    [InlineData("Q3")]
    [InlineData("last quarter")]
    public void TryParse_Invalid_SaysHowToWriteIt(string text)
    {
        Assert.False(ReportingPeriod.TryParse(text, Chicago, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
