using System.Globalization;
using Oversight.Requests;
using Oversight.Text;

namespace Oversight.Searches.Flock;

/// <summary>How a Flock export is read: the agency where the file does not name it, and the key plates are hashed with.</summary>
/// <param name="Agency">The agency of every row whose export has no Org Name (the portal CSV), or whose Org Name is blank or masked.</param>
/// <param name="Plates">The key licence plates are hashed with; a plate is never kept in clear.</param>
public sealed record FlockOptions(string? Agency, PlateKey Plates);

/// <summary>What reading an export found beyond its records, for the summary a reader prints; rows may be parsed on several threads.</summary>
public sealed class FlockStats
{
    private int plates;
    private int zeros;
    private int unknown;
    private int masked;

    /// <summary>Plates read and hashed.</summary>
    public int PlatesHashed => Volatile.Read(ref plates);

    /// <summary>Counts of 0 read as not published.</summary>
    public int ZeroCounts => Volatile.Read(ref zeros);

    /// <summary>Rows whose requester is masked or blank (unknown officer).</summary>
    public int UnknownRequesters => Volatile.Read(ref unknown);

    /// <summary>Rows whose reason is masked (not published).</summary>
    public int MaskedReasons => Volatile.Read(ref masked);

    internal void Plate() => Interlocked.Increment(ref plates);

    internal void Zero() => Interlocked.Increment(ref zeros);

    internal void Unknown() => Interlocked.Increment(ref unknown);

    internal void Masked() => Interlocked.Increment(ref masked);
}

/// <summary>
/// Reads a Flock search-audit CSV (<see cref="FlockLayout"/>) into searches. The header decides the
/// layout; a header no layout fits is one problem naming the columns found and the layouts known.
/// Each row's problems (a time or a count that does not read, no agency) name its line and column.
/// The portal's <c>+</c> in reasons is read as a space; a time without an offset is UTC; a masked or
/// blank requester is unknown; a licence plate is hashed with <see cref="FlockOptions.Plates"/>.
/// </summary>
public static class FlockCsv
{
    /// <summary>Reads the header now (its problems stop the file) and the rows as they are enumerated.</summary>
    public static SearchInput Open(TextReader reader, FlockOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var rows = CsvRows.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            rows.Dispose();
            return SearchInput.Failed([new InputProblem(string.Empty, "the file is empty: a Flock export starts with a header row", 1)]);
        }

        var header = rows.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var (layout, problems) = Layout(header, rows.Current.Line);
        if (layout is null)
        {
            rows.Dispose();
            return SearchInput.Failed(problems);
        }

        if (options.Agency is null && !header.Any(h => layout.TryColumn(h, out var c) && c == FlockColumn.Agency))
        {
            rows.Dispose();
            return SearchInput.Failed([new InputProblem(string.Empty, $"a {layout.Description} does not name its agency: give --agency (for example --agency eugene-or-pd)", 1)]);
        }

        var stats = new FlockStats();
        return SearchInput.Of(Records(rows, header, layout, options, stats), layout, stats);
    }

    /// <summary>The layout a header is, or every problem with it.</summary>
    internal static (FlockLayout? Layout, List<InputProblem> Problems) Layout(string[] header, int line)
    {
        var problems = new List<InputProblem>();
        var layout = FlockLayout.Detect(header);
        if (layout is null)
        {
            problems.Add(UnknownLayout(header, line));
            return (null, problems);
        }

        var seen = new Dictionary<FlockColumn, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!layout.TryColumn(header[i], out var column))
            {
                problems.Add(new InputProblem(string.Empty, header[i].Length == 0 ? "a column has no name" : $"unknown column '{header[i]}' for a {layout.Description}", line, i + 1));
            }
            else if (column != FlockColumn.Ignored && !seen.TryAdd(column, i))
            {
                problems.Add(new InputProblem(string.Empty, $"column '{header[i]}' holds what column {seen[column] + 1} ('{header[seen[column]]}') holds", line, i + 1));
            }
        }

        if (problems.Count > 0)
        {
            problems.Add(new InputProblem(string.Empty, $"the columns of a {layout.Summary}", line));
            return (null, problems);
        }

        return (layout, problems);
    }

    /// <summary>The problem for a header no layout fits: the columns found, and every layout with its columns.</summary>
    internal static InputProblem UnknownLayout(IReadOnlyList<string> header, int line) =>
        new(
            string.Empty,
            $"unknown export layout: the columns are {string.Join(", ", header.Select(h => $"'{h}'"))}; the layouts known are " +
            string.Join("; ", FlockLayout.All.Select(l => l.Summary + Lacks(l, header))) +
            "; and Oversight's own search JSONL (oversight import flock writes it)",
            line);

    /// <summary>For a layout the header partly fits: what it lacks.</summary>
    private static string Lacks(FlockLayout layout, IReadOnlyList<string> header)
    {
        var missing = layout.Missing(header);
        return missing.Count > 0 && missing.Count <= layout.Required.Count ? $" — this file lacks {string.Join(", ", missing)}" : string.Empty;
    }

    private static IEnumerable<PendingSearch> Records(IEnumerator<CsvRow> rows, string[] header, FlockLayout layout, FlockOptions options, FlockStats stats)
    {
        using (rows)
        {
            var map = new (FlockColumn Column, string Header)[header.Length];
            for (var i = 0; i < header.Length; i++)
            {
                layout.TryColumn(header[i], out var column);
                map[i] = (column, header[i]);
            }

            while (rows.MoveNext())
            {
                var row = rows.Current;
                yield return new PendingSearch(row.Line, () => Row(row, map, layout, options, stats));
            }
        }
    }

    private static ParseResult<AlprSearch> Row(CsvRow row, (FlockColumn Column, string Header)[] map, FlockLayout layout, FlockOptions options, FlockStats stats)
    {
        var line = row.Line;
        var draft = new SearchDraft(name => name) { DeriveId = layout == FlockLayout.Audit };
        if (row.Error is { } malformed)
        {
            draft.Problem(string.Empty, malformed, line, null);
            return ParseResult<AlprSearch>.Failure(draft.Problems);
        }

        if (row.Fields.Length != map.Length)
        {
            draft.Problem(string.Empty, $"the row has {row.Fields.Length} fields; the header has {map.Length}", line, null);
            return ParseResult<AlprSearch>.Failure(draft.Problems);
        }

        string? agency = null;
        string? date = null;
        (string Text, int Column, string Header)? time = null;
        for (var i = 0; i < map.Length; i++)
        {
            var (column, name) = map[i];
            var cell = row.Fields[i];
            var at = i + 1;
            switch (column)
            {
                case FlockColumn.Id:
                    draft.Text("id", cell, name, at);
                    break;
                case FlockColumn.Requester:
                    if (Masks.IsMasked(cell) || TextFold.IsBlank(cell))
                    {
                        stats.Unknown();
                    }

                    draft.Text("requester", cell, name, at);
                    break;
                case FlockColumn.Agency:
                    agency = Masks.IsMasked(cell) || TextFold.IsBlank(cell) ? null : Slug(cell);
                    break;
                case FlockColumn.SearchedAt:
                    time = (cell, at, name);
                    break;
                case FlockColumn.SearchDate:
                    date = cell.Trim();
                    break;
                case FlockColumn.Cameras:
                case FlockColumn.Networks:
                    Count(draft, column == FlockColumn.Cameras ? "camerasSearched" : "networksSearched", cell, name, line, at, stats);
                    break;
                case FlockColumn.Reason:
                    if (Masks.IsMasked(cell))
                    {
                        stats.Masked();
                    }

                    draft.Text("reason", layout == FlockLayout.Portal ? cell.Replace('+', ' ') : cell, name, at);
                    break;
                case FlockColumn.CaseNumber:
                    draft.Text("caseNumber", cell, name, at);
                    break;
                case FlockColumn.OffenseType:
                    draft.Text("offenseType", layout == FlockLayout.Portal ? cell.Replace('+', ' ') : cell, name, at);
                    break;
                case FlockColumn.SearchType:
                    draft.Text("searchType", cell, name, at);
                    break;
                case FlockColumn.TimeFrame:
                    Frame(draft, cell, name, line, at);
                    break;
                case FlockColumn.Plate:
                    if (!Masks.IsMasked(cell) && !TextFold.IsBlank(cell) && options.Plates.Hash(cell) is { } hash)
                    {
                        draft.PlateHash(hash);
                        stats.Plate();
                    }

                    break;
            }
        }

        if (time is var (text, timeColumn, timeHeader))
        {
            var full = date is { Length: > 0 } && !text.Contains('/', StringComparison.Ordinal) && !text.Contains('-', StringComparison.Ordinal) ? $"{date} {text.Trim()}" : text;
            if (FlockTime.TryParse(full, out var searched, out var error))
            {
                draft.SearchedAt(searched);
            }
            else
            {
                draft.SearchedAtFailed();
                draft.Problem(timeHeader, error, line, timeColumn);
            }
        }

        agency ??= options.Agency;
        if (agency is null)
        {
            draft.Problem("Org Name", "the row names no agency (Org Name is blank or masked) and no --agency was given", line, null);
        }
        else
        {
            draft.Text("agency", agency, "agency");
        }

        var result = draft.Build();
        return result.Succeeded ? result : ParseResult<AlprSearch>.Failure([.. result.Problems.Select(p => p with { Line = p.Line ?? line })]);
    }

    private static void Count(SearchDraft draft, string field, string cell, string header, int line, int column, FlockStats stats)
    {
        var text = cell.Trim().Replace(",", string.Empty, StringComparison.Ordinal);
        if (text.Length == 0 || Masks.IsMasked(text))
        {
            return;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            draft.Problem(header, $"'{cell.Trim()}' is not a count (a whole number, 0 or more)", line, column);
            return;
        }

        if (count == 0)
        {
            stats.Zero();
        }

        draft.Count(field, count, header, column);
    }

    private static void Frame(SearchDraft draft, string cell, string header, int line, int column)
    {
        if (TextFold.IsBlank(cell) || Masks.IsMasked(cell))
        {
            return;
        }

        if (FlockTime.TryParseFrame(cell, out var start, out var end, out var error))
        {
            draft.Frame(start, end, header, column);
        }
        else
        {
            draft.Problem(header, error, line, column);
        }
    }

    /// <summary>
    /// An agency id from an Org Name, as Flock's portal addresses write them: "Eugene OR PD" is
    /// <c>eugene-or-pd</c>. Letters and digits are kept (folded), every other run becomes one '-'.
    /// </summary>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = TextFold.Key(name);
        var slug = new System.Text.StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}
