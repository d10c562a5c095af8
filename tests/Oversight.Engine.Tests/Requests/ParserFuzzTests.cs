using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Oversight.Requests;

namespace Oversight.Tests.Requests;

/// <summary>
/// Random and hostile inputs to the request parser: none may throw, and none may allocate more
/// than a bounded amount. The budget is generous (far above what any input takes); it is there to
/// catch work that grows without bound, which always shows in what is allocated. How long the
/// hostile inputs take is measured in bench/ (AdversarialBenchmarks), not here.
/// </summary>
public sealed class ParserFuzzTests
{
    private const long MemoryBudget = 256L << 20;

    private static bool Bounded(string json)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = RequestJson.Parse(json);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < MemoryBudget, $"parsing allocated {allocated:N0} bytes for {json.Length:N0} characters");
        return result.Succeeded || result.Problems.Count > 0;
    }

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1e309", "1e400", "NaN", "\"\\u0000\"", "\"\\ud800\"",
        "\"agency\"", "\"area\"", "\"type\"", "\"Polygon\"", "\"MultiPolygon\"", "\"coordinates\"", "\"center\"",
        "\"radiusMeters\"", "\"window\"", "\"start\"", "\"end\"", "\"2026-08-01T01:00:00Z\"", "90", "-180", "180.0000001",
        "0.000000001", "[[[0,0],[1,0],[1,1],[0,0]]]",
    ];

    [Fact]
    public void Parse_RandomTokenSoup_NeverThrowsAndStaysBounded() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts)).ToArbitrary(),
            json => Bounded(json)).QuickCheckThrowOnFailure();

    private static readonly Gen<double> Coordinates = Gen.OneOf(
        Gen.Choose(-18000, 18000).Select(i => i / 100.0),
        Gen.Elements(0.0, 90.0, -90.0, 180.0, -180.0, 89.9999999, double.Epsilon, 1e-12, 179.9999999));

    private static readonly Gen<string> Rings =
        from count in Gen.Choose(0, 60)
        from points in Gen.ArrayOf(Gen.Zip(Coordinates, Coordinates), count)
        from closed in Gen.Elements(true, false)
        select "[" + string.Join(',', (closed && points.Length > 0 ? [.. points, points[0]] : points).Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Item1},{p.Item2 / 2}]"))) + "]";

    private static readonly Gen<string> Areas = Gen.OneOf(
        from rings in Gen.ListOf(Rings)
        select "{\"type\":\"Polygon\",\"coordinates\":[" + string.Join(',', rings) + "]}",
        from polygons in Gen.ListOf(Gen.ListOf(Rings))
        select "{\"type\":\"MultiPolygon\",\"coordinates\":[" + string.Join(',', polygons.Select(p => "[" + string.Join(',', p) + "]")) + "]}",
        from lat in Coordinates
        from lon in Coordinates
        from radius in Gen.Elements(-1.0, 0.0, 1e-9, 1.0, 400.0, 12_500.0, 199_999.0, 1e12)
        select string.Create(CultureInfo.InvariantCulture, $"{{\"center\":{{\"lat\":{lat / 2},\"lon\":{lon}}},\"radiusMeters\":{radius}}}"));

    [Fact]
    public void Parse_RandomGeometry_NeverThrowsAndStaysBounded() =>
        Prop.ForAll(Areas.ToArbitrary(), area =>
        {
            var json = "{\"agency\":\"a\",\"requester\":\"b\",\"submittedAt\":\"2026-08-01T14:00:00Z\"," +
                "\"window\":{\"start\":\"2026-08-01T01:00:00Z\",\"end\":\"2026-08-01T05:00:00Z\"},\"area\":" + area + "}";
            return Bounded(json);
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(100_000)]
    public void Parse_HugeRingsAndDeepNesting_AreRefusedWithinBudget(int positions)
    {
        var ring = new StringBuilder("[");
        for (var i = 0; i < positions; i++)
        {
            ring.Append(CultureInfo.InvariantCulture, $"[{-92.47 + (i * 1e-7)},{44.02 + ((i % 2) * 1e-4)}],");
        }

        ring.Append("[-92.47,44.02]]");
        Assert.True(Bounded("{\"area\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}"));
        Assert.True(Bounded(new string('[', 10_000) + new string(']', 10_000)));
        Assert.True(Bounded("{\"area\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_001)));
    }
}
