using System.Text;

namespace Oversight.Searches.Flock;

/// <summary>What a column of a Flock export holds, as a search field.</summary>
internal enum FlockColumn
{
    Id,
    Requester,
    Agency,
    SearchedAt,
    SearchDate,
    Cameras,
    Networks,
    Reason,
    CaseNumber,
    OffenseType,
    TimeFrame,
    Plate,
    SearchType,

    /// <summary>A column the layout knows and deliberately does not read (Filters, Text Prompt, Moderation: officer-typed text that can hold civilians' details).</summary>
    Ignored,
}

/// <summary>
/// A kind of Flock search-audit export, recognised by its header: the columns it may have, which
/// it must have, and how wide a search is counted in it.
/// </summary>
public sealed class FlockLayout
{
    private readonly Dictionary<string, FlockColumn> columns;

    private FlockLayout(string name, string description, (string Header, FlockColumn Column)[] known, string[] required, string[] oneOf)
    {
        Name = name;
        Description = description;
        Known = [.. known.Select(k => k.Header)];
        Required = required;
        OneOf = oneOf;
        columns = known.ToDictionary(k => Key(k.Header), k => k.Column, StringComparer.Ordinal);
    }

    /// <summary>The transparency portal's CSV (<c>transparency.flocksafety.com/&lt;agency&gt;</c>): one agency, no agency column.</summary>
    public static readonly FlockLayout Portal = new(
        "flock-portal",
        "Flock transparency portal CSV",
        [
            ("id", FlockColumn.Id), ("userId", FlockColumn.Requester), ("searchDate", FlockColumn.SearchedAt),
            ("cameraCount", FlockColumn.Cameras), ("networkCount", FlockColumn.Networks), ("reason", FlockColumn.Reason),
            ("caseNumber", FlockColumn.CaseNumber), ("offenseType", FlockColumn.OffenseType),
        ],
        ["id", "userId", "searchDate", "reason"],
        ["cameraCount", "networkCount"]);

    /// <summary>The organization and network audit exports of Flock's Insights tab.</summary>
    public static readonly FlockLayout Audit = new(
        "flock-audit",
        "Flock organization or network audit export",
        [
            ("ID", FlockColumn.Id), ("Name", FlockColumn.Requester), ("Org Name", FlockColumn.Agency),
            ("Total Networks Searched", FlockColumn.Networks), ("Total Devices Searched", FlockColumn.Cameras),
            ("Time Frame", FlockColumn.TimeFrame), ("License Plate", FlockColumn.Plate), ("Reason", FlockColumn.Reason),
            ("Case #", FlockColumn.CaseNumber), ("Offense Type", FlockColumn.OffenseType), ("Filters", FlockColumn.Ignored),
            ("Search Time", FlockColumn.SearchedAt), ("Search Date/Time", FlockColumn.SearchedAt), ("Search Date", FlockColumn.SearchDate),
            ("Search Type", FlockColumn.SearchType), ("Text Prompt", FlockColumn.Ignored), ("Moderation", FlockColumn.Ignored),
        ],
        ["Name", "Search Time", "Reason"],
        ["Total Networks Searched", "Total Devices Searched"]);

    /// <summary>Every layout, in the order they are tried.</summary>
    public static readonly IReadOnlyList<FlockLayout> All = [Portal, Audit];

    /// <summary>Headers that only a Flock export has: a CSV holding any of them is read as searches.</summary>
    internal static bool IsFlockHeader(string header) =>
        Key(header) is "userid" or "searchdate" or "cameracount" or "networkcount" or "searchtime" or "searchdate/time"
            or "totalnetworkssearched" or "totaldevicessearched" or "orgname" or "licenseplate" or "timeframe" or "searchtype";

    public string Name { get; }

    public string Description { get; }

    /// <summary>Every column the layout knows, as Flock writes it.</summary>
    public IReadOnlyList<string> Known { get; }

    /// <summary>Columns every file of this layout has.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>Columns of which a file has at least one (how wide a search was).</summary>
    public IReadOnlyList<string> OneOf { get; }

    /// <summary>One line for messages: the name and the columns (required ones first).</summary>
    public string Summary =>
        $"{Description} ({Name}): {string.Join(", ", Required)}, {string.Join(" or ", OneOf)}; optional {string.Join(", ", Known.Except(Required).Except(OneOf))}";

    /// <summary>The layout whose required columns the header has; null when none fits.</summary>
    public static FlockLayout? Detect(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return All.FirstOrDefault(l => l.Missing(header).Count == 0);
    }

    /// <summary>The required columns a header lacks (a column counts when any of its names is there).</summary>
    internal List<string> Missing(IReadOnlyList<string> header)
    {
        var present = header.Select(h => columns.TryGetValue(Key(h), out var c) ? c : (FlockColumn?)null).OfType<FlockColumn>().ToHashSet();
        var missing = Required.Where(r => !present.Contains(columns[Key(r)])).ToList();
        if (!OneOf.Any(o => present.Contains(columns[Key(o)])))
        {
            missing.Add(string.Join(" or ", OneOf));
        }

        return missing;
    }

    internal bool TryColumn(string header, out FlockColumn column) => columns.TryGetValue(Key(header), out column);

    /// <summary>A header as compared: lower case, without spaces, '_', '-' and '.', and without a byte-order mark.</summary>
    internal static string Key(string header)
    {
        var key = new StringBuilder(header.Length);
        foreach (var c in header.Trim().TrimStart('\uFEFF'))
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '.'))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }
}
