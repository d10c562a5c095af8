using Oversight.Reports;
using Oversight.Reports.Disclosure;

namespace Oversight.Tests.Reports;

public sealed class ReportCountTests
{
    [Theory]
    [InlineData(0, 5, "0")]
    [InlineData(1, 5, "<5")]
    [InlineData(4, 5, "<5")]
    [InlineData(5, 5, "5")]
    [InlineData(1234, 5, "1,234")]
    [InlineData(3, 0, "3")]
    [InlineData(1, 1, "1")]
    public void Of_CountAndThreshold_PrintsAsTheRuleSays(int value, int suppressBelow, string expected)
    {
        Assert.Equal(expected, ReportCount.Of(value, suppressBelow).Text);
    }

    [Fact]
    public void Of_Small_KeepsNoValue()
    {
        var count = ReportCount.Of(2, 5);
        Assert.Null(count.Value);
        Assert.Equal(CellState.Small, count.State);
    }

    [Fact]
    public void Withheld_PrintsTheConfidentialMarkAndKeepsNoValue()
    {
        var count = ReportCount.Withheld(5);
        Assert.Null(count.Value);
        Assert.Equal("[c]", count.Text);
    }
}
