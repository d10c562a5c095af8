using System.Globalization;
using System.Text;
using Oversight.Searches;

namespace Oversight.Synthetic;

/// <summary>
/// Plausible licence-plate-reader searches shaped like Eugene, OR's portal export: officers of
/// very different activity (a few run most searches) who work four or five days a week, searches by
/// hour as Eugene's are,
/// reasons drawn from Eugene's own mix (a third of them vague), and breadth in Eugene's three
/// bands (its own ~135 cameras, the state's ~2,500, the nation's ~85,000). Deterministic for a seed;
/// for benchmarks and demos.
/// </summary>
public static class SyntheticSearches
{
    /// <summary>Reasons and their weights, as Eugene's officers wrote them (the portal's '+' for spaces included).</summary>
    private static readonly (string Reason, int Weight)[] Reasons =
    [
        ("investigation", 579), ("UUV", 500), ("Person+Crime", 427), ("Property+Crime", 417), ("Suspicious+Vehicle", 271),
        ("Daytime+search+for+best+result", 182), ("Investigative", 98), ("inv", 50), ("investigations", 50), ("Administrative+Test", 41),
        ("Missing+Person", 39), ("Welfare+Check", 36), ("invest", 33), ("Criminal+Investigation", 26), ("ST2", 23),
        ("Felony+Person+Crime", 22), ("Felony+Property+Crime", 13), ("Warrant", 10), ("invetigation", 3), ("", 5),
        ("Stolen+Vehicle+case+25-0{0}", 8), ("Other+image+search+from+alerts+page+associated+with+Alert:+Stolen+Vehicle+{1}", 6),
    ];

    /// <summary>Eugene's searches by local hour (00–23).</summary>
    private static readonly int[] Hours = [44, 56, 40, 31, 47, 32, 67, 133, 165, 173, 177, 213, 223, 216, 212, 177, 168, 142, 116, 126, 113, 125, 96, 81];

    private static readonly (int Cameras, int Weight)[] Breadths = [(94, 260), (96, 371), (98, 181), (123, 217), (135, 624), (1, 35), (2510, 180), (2538, 200), (2683, 240), (2734, 160), (85_130, 15)];

    /// <summary>Searches over <paramref name="days"/> days from <paramref name="start"/> by <paramref name="officers"/> officer accounts, in time order.</summary>
    public static IEnumerable<AlprSearch> Generate(int count, int seed, DateOnly start, int days, int officers, string agency, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(officers);
        ArgumentNullException.ThrowIfNull(zone);
        var random = new Random(seed);
        var ids = Enumerable.Range(0, officers).Select(i => Guid(random)).ToArray();
        // Officer activity falls off like Eugene's: the busiest few run most searches.
        var weights = Enumerable.Range(1, officers).Select(i => 1.0 / Math.Pow(i, 0.7)).ToArray();
        // Each officer works four or five days of every seven, from a day of the week of their own.
        var shifts = Enumerable.Range(0, officers).Select(_ => (Offset: random.Next(7), Days: random.Next(4, 6))).ToArray();
        var officerPick = Cumulative(weights);
        var reasonPick = Cumulative([.. Reasons.Select(r => (double)r.Weight)]);
        var hourPick = Cumulative([.. Hours.Select(h => (double)h)]);
        var breadthPick = Cumulative([.. Breadths.Select(b => (double)b.Weight)]);
        var perDay = (double)count / days;
        var made = 0;
        for (var day = 0; day < days && made < count; day++)
        {
            var today = day == days - 1 ? count - made : Math.Min(count - made, (int)Math.Round((perDay * (day + 1)) - made));
            var times = new long[today];
            for (var k = 0; k < today; k++)
            {
                var local = DateTime.SpecifyKind(start.AddDays(day).ToDateTime(new TimeOnly(Pick(hourPick, random), random.Next(60), random.Next(60), random.Next(1000))), DateTimeKind.Unspecified);
                if (zone.IsInvalidTime(local))
                {
                    // The hour the clocks skip in spring: read as the hour after.
                    local = local.AddHours(1);
                }

                times[k] = TimeZoneInfo.ConvertTimeToUtc(local, zone).Ticks;
            }

            Array.Sort(times);
            foreach (var ticks in times)
            {
                var (reason, _) = Reasons[Pick(reasonPick, random)];
                yield return new AlprSearch
                {
                    Id = Guid(random),
                    Agency = agency,
                    Requester = ids[OnDuty(officerPick, shifts, day, random)],
                    SearchedAt = new DateTimeOffset(ticks, TimeSpan.Zero),
                    Reason = string.Format(CultureInfo.InvariantCulture, reason, random.Next(1000, 9999), $"{random.Next(100, 999)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}").Replace('+', ' '),
                    CamerasSearched = Breadths[Pick(breadthPick, random)].Cameras + random.Next(0, 3),
                };
                made++;
            }
        }
    }

    /// <summary>The portal's CSV header, as Eugene's export writes it.</summary>
    public const string PortalHeader = "\"id\",\"userId\",\"searchDate\",\"cameraCount\",\"reason\"";

    /// <summary>One search as a row of the portal's CSV: quoted text, a UTC time without offset, '+' for spaces.</summary>
    public static string PortalRow(AlprSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var row = new StringBuilder(160);
        row.Append('"').Append(search.Id).Append("\",\"").Append(search.Requester).Append("\",\"")
            .Append(search.SearchedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append("\",")
            .Append(search.CamerasSearched?.ToString(CultureInfo.InvariantCulture)).Append(",\"")
            .Append((search.Reason ?? string.Empty).Replace(' ', '+').Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        return row.ToString();
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private static double[] Cumulative(double[] weights)
    {
        var total = weights.Sum();
        var sum = 0.0;
        return [.. weights.Select(w => sum += w / total)];
    }

    /// <summary>An officer picked by activity among those working that day (after a few tries, whoever was picked).</summary>
    private static int OnDuty(double[] cumulative, (int Offset, int Days)[] shifts, int day, Random random)
    {
        var officer = Pick(cumulative, random);
        for (var tries = 0; tries < 8 && (day + shifts[officer].Offset) % 7 >= shifts[officer].Days; tries++)
        {
            officer = Pick(cumulative, random);
        }

        return officer;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(i >= 0 ? i : ~i, cumulative.Length - 1);
    }
}
