using Oversight.Geo;
using Oversight.History;
using Oversight.Requests;
using Oversight.Synthetic;
using Oversight.Tests.Support;

namespace Oversight.Tests.History;

/// <summary>The place index keeps its work per entry and per query bounded, whatever shapes the log holds.</summary>
public sealed class SpatialGridTests
{
    private static long Ticks(double hours) => RequestBuilder.Noon.AddHours(hours).UtcTicks;

    [Fact]
    public void CountOverlapping_EntriesRecordedBeforeTheLimits_AreIndexedAndCountedWithoutBlowingUp()
    {
        // Shapes a log may hold from before the extent limit: parts 60 degrees apart, and a circle at
        // the pole whose bounding box has no finite extent. Filing either cell by cell would never end.
        var history = new RequestHistory();
        var far = RequestBuilder.At(RequestBuilder.Noon).Area(AdversarialAreas.FarApart(-92.47, 44.01, 60)).Build();
        history.Add(far);
        history.Add(RequestBuilder.At(RequestBuilder.Noon).Circle(90, 0, 400).Build());
        history.Add(RequestBuilder.At(RequestBuilder.Noon).Area(AdversarialAreas.Square(-92.4699, 44.0101, 50)).Build());

        var probe = RequestArea.FromGeometry(AdversarialAreas.Square(-92.4699, 44.0101, 20));

        Assert.Equal(2, history.CountOverlapping(probe, Ticks(-1), Ticks(1)));
    }

    [Fact]
    public void CountOverlapping_QueryWiderThanTheGrid_WalksOnlyOccupiedCells()
    {
        var history = new RequestHistory();
        history.Add(RequestBuilder.At(RequestBuilder.Noon).Area(AdversarialAreas.Square(-92.47, 44.01, 100)).Build());
        history.Add(RequestBuilder.At(RequestBuilder.Noon).Area(AdversarialAreas.Square(-92.40, 44.05, 100)).Build());
        var wide = RequestArea.FromGeometry(RequestBuilder.Rectangle(-120, 20, -60, 60));
        Assert.Equal(2, history.CountOverlapping(wide, Ticks(-1), Ticks(1)));
    }

    [Fact]
    public void CountOverlapping_OnlyAgency_IgnoresOtherAgenciesWhateverTheySpelling()
    {
        var history = new RequestHistory();
        history.Add(RequestBuilder.At(RequestBuilder.Noon).Agency("rochester-mn-pd").Build());
        history.Add(RequestBuilder.At(RequestBuilder.Noon).Agency("olmsted-county-so").Build());
        var probe = RequestBuilder.Default().Build().Area;
        Assert.Equal(2, history.CountOverlapping(probe, Ticks(-1), Ticks(1)));
        Assert.Equal(1, history.CountOverlapping(probe, Ticks(-1), Ticks(1), onlyAgency: "rochester-mn-pd"));
    }

    [Fact]
    public void CountOverlapping_CancelledDuringTheScan_Throws()
    {
        var history = new RequestHistory();
        for (var i = 0; i < 100; i++)
        {
            history.Add(RequestBuilder.At(RequestBuilder.Noon).Build());
        }

        using var passed = new CancellationTokenSource();
        passed.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => history.CountOverlapping(RequestBuilder.Default().Build().Area, Ticks(-1), Ticks(1), cancellation: passed.Token));
    }

    [Fact]
    public void CountOverlapping_ManyEntries_AgreesWithTheExactTestOfEveryPair()
    {
        var random = new Random(7);
        var history = new RequestHistory();
        var areas = new List<RequestArea>();
        for (var i = 0; i < 300; i++)
        {
            var area = RequestArea.FromCircle(44.0 + (random.NextDouble() * 0.05), -92.5 + (random.NextDouble() * 0.05), 50 + (random.NextDouble() * 400));
            areas.Add(area);
            history.Add(new RequestBuilderWithArea(area).Build());
        }

        for (var q = 0; q < 30; q++)
        {
            var probe = RequestArea.FromGeometry(AdversarialAreas.Square(-92.5 + (random.NextDouble() * 0.05), 44.0 + (random.NextDouble() * 0.05), 100 + (random.NextDouble() * 500)));
            Assert.Equal(areas.Count(a => Overlap.WithPositiveArea(probe, a)), history.CountOverlapping(probe, Ticks(-1), Ticks(1)));
        }
    }

    private sealed class RequestBuilderWithArea(RequestArea area)
    {
        public FootageRequest Build() => RequestBuilder.At(RequestBuilder.Noon).Build() with { Area = area };
    }
}
