using Oversight.Policies;

namespace Oversight.Reports.Searches;

/// <summary>The period's searches and everything the report counts about them, before disclosure control.</summary>
internal sealed class SearchFacts
{
    /// <summary>Lower edges of the breadth bins (cameras or networks): a town's own network, a region's, a state's, the nation's.</summary>
    public static readonly int[] BreadthEdges = [1, 100, 250, 1_000, 2_500, 10_000, 50_000];

    /// <summary>Lower edges of the bins of searches per officer.</summary>
    public static readonly int[] OfficerEdges = [1, 5, 10, 25, 50, 100];

    /// <summary>The visible length below which a reason is counted as short.</summary>
    public const int ShortReason = 20;

    /// <summary>A search over more than this many cameras is counted as reaching beyond a town's own network.</summary>
    public const int Wide = 1_000;

    public SearchFacts(SearchReportInput input)
    {
        Input = input;
        Policy = input.Policy;
        Period = input.Period;
        Rows = [.. input.Searches.Where(r => Period.Contains(r.SearchedAt)).OrderBy(r => r.SearchedAt)];
        var zone = Policy.TimeZone;
        var first = ReportBuilder.Monday(Period.Start, zone);
        var last = ReportBuilder.Monday(Period.End.AddTicks(-1), zone);
        var weeks = Enumerable.Range(0, ((last.DayNumber - first.DayNumber) / 7) + 1).Select(_ => new List<SearchReportRow>()).ToArray();
        foreach (var row in Rows)
        {
            weeks[(ReportBuilder.Monday(row.SearchedAt, zone).DayNumber - first.DayNumber) / 7].Add(row);
        }

        // Weeks the input does not reach are left out (a week without data is not a week without searches).
        var source = input.Source;
        Weeks = [.. weeks.Select((w, i) => (first.DayNumber + (7 * i), w))
            .Where(w => source?.From is not { } from || source.To is not { } to
                || (DateOnly.FromDayNumber(w.Item1 + 6) >= Local(from, zone) && DateOnly.FromDayNumber(w.Item1) <= Local(to, zone)))];
        Findings = [.. input.Findings.Where(f => Period.Contains(f.FirstSubmittedAt)).OrderBy(f => f.Rank).ThenBy(f => f.FirstSubmittedAt).ThenBy(f => f.Id, StringComparer.Ordinal)];
        var weekOf = Rows.ToDictionary(r => r.Id, r => ReportBuilder.Monday(r.SearchedAt, zone).DayNumber, StringComparer.Ordinal);
        foreach (var finding in Findings)
        {
            foreach (var group in finding.RequestIds.Where(weekOf.ContainsKey).GroupBy(id => weekOf[id]))
            {
                FindingSearchesByWeek[group.Key] = Math.Max(FindingSearchesByWeek.GetValueOrDefault(group.Key), group.Count());
            }
        }

        ReasonMeasures =
        [
            ("Reason not published", Rows.Count(r => !r.Reason.Published)),
            ("Reason blank", Rows.Count(r => r.Reason.Blank)),
            ($"Reason shorter than {ShortReason} characters", Rows.Count(r => r.Reason.Published && r.Reason.Length < ShortReason)),
            ("Reason only a vague phrase", Rows.Count(r => r.Reason.Vague)),
            ("A case number given", Rows.Count(r => r.Reason.CaseNumber)),
            ("An offense type given", Rows.Count(r => r.Reason.OffenseType)),
            ("Personal data in the reason", Rows.Count(r => r.Reason.Pii)),
        ];
        var k = Math.Max(SuppressBelow(input), 1);
        CommonReasons = [.. Rows.Where(r => r.Reason.Words is not null)
            .GroupBy(r => r.Reason.Words!, StringComparer.Ordinal)
            .Where(g => g.Count() >= Math.Max(k, 2))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(12)
            .Select(g => (g.Key, g.First().Reason.Vague, g.Count()))];

        // One measure for the whole chart: cameras where any search counts them, else networks.
        CamerasMeasured = Rows.Any(r => r.Cameras is not null);
        var breadth = new int[BreadthEdges.Length + 1];
        foreach (var row in Rows)
        {
            breadth[(CamerasMeasured ? row.Cameras : row.Networks) is { } b ? Bin(BreadthEdges, b) : BreadthEdges.Length]++;
        }

        BreadthCounts = breadth;
        OfficerTotals = [.. Rows.Where(r => r.Requester is not null).GroupBy(r => (r.Agency, Text.TextFold.Key(r.Requester!))).Select(g => g.Count()).Order()];
        var officers = new int[OfficerEdges.Length];
        foreach (var total in OfficerTotals)
        {
            officers[Bin(OfficerEdges, total)]++;
        }

        OfficerBinCounts = officers;
    }

    public SearchReportInput Input { get; }

    public Policy Policy { get; }

    public ReportingPeriod Period { get; }

    public List<SearchReportRow> Rows { get; }

    public List<(int Monday, List<SearchReportRow> Rows)> Weeks { get; }

    public List<ReportFinding> Findings { get; }

    /// <summary>For each week: the most searches one finding holds in it (a finding's sentence bounds the week's total from below).</summary>
    public Dictionary<int, int> FindingSearchesByWeek { get; } = [];

    public List<(string Measure, int Count)> ReasonMeasures { get; }

    public List<(string Reason, bool Vague, int Count)> CommonReasons { get; }

    /// <summary>Searches per breadth bin, then those whose breadth is not published.</summary>
    public int[] BreadthCounts { get; }

    /// <summary>True when any search of the period counts cameras (else the bins count networks).</summary>
    public bool CamerasMeasured { get; }

    /// <summary>Each known officer's searches in the period, ascending.</summary>
    public List<int> OfficerTotals { get; }

    public int[] OfficerBinCounts { get; }

    private static DateOnly Local(DateTimeOffset time, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);

    public static int SuppressBelow(SearchReportInput input) => input.Internal ? 0 : input.Policy.Reporting.SuppressBelow;

    private static int Bin(int[] edges, int value)
    {
        var i = Array.BinarySearch(edges, value);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }
}
