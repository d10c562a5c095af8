using Oversight.Detection.Rates;

namespace Oversight.Tests.Detection.Searches;

public sealed class CountTailTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(5.0, 3.178053830347946)]
    [InlineData(0.5, 0.5723649429247001)]
    [InlineData(100.0, 359.1342053695754)]
    public void LogGamma_KnownValues(double z, double expected) => Assert.Equal(expected, CountTail.LogGamma(z), 10);

    [Fact]
    public void Upper_Poisson_MatchesTheClosedForm()
    {
        var expected = 1 - (Math.Exp(-1) * (1 + 1 + 0.5));

        Assert.Equal(expected, CountTail.Upper(3, 1, 0), 12);
        Assert.Equal(1, CountTail.Upper(0, 4, 0));
    }

    [Fact]
    public void Upper_NegativeBinomial_HasTheHeavierTailAndTendsToPoisson()
    {
        var poisson = CountTail.Upper(12, 3, 0);

        Assert.True(CountTail.Upper(12, 3, 0.5) > poisson * 10);
        Assert.Equal(poisson, CountTail.Upper(12, 3, 1e-7), 6);
    }

    [Fact]
    public void Upper_NegativeBinomialOfSizeOne_IsGeometric()
    {
        // Size 1 (dispersion 1) with mean 3: P(X ≥ k) = (3/4)^k.
        Assert.Equal(Math.Pow(0.75, 10), CountTail.Upper(10, 3, 1), 12);
    }

    [Fact]
    public void Baseline_LeavesTheWeekJudgedOut()
    {
        var (expected, dispersion, _) = CountTail.Baseline([1, 1, 1, 15, 1], [7, 7, 7, 7, 7], 3);

        Assert.Equal(1, expected, 9);
        Assert.Equal(0, dispersion);
    }
}
