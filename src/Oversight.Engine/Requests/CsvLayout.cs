using System.Collections.Frozen;
using System.Text;

namespace Oversight.Requests;

/// <summary>One field a CSV layout can read, with the other header names it is known by.</summary>
/// <param name="Name">The field's own column name (e.g. <c>windowStart</c>).</param>
/// <param name="Aliases">Other header names for it (e.g. <c>window.start</c>, the request JSON path).</param>
/// <param name="Description">What the column holds, for documentation and error messages.</param>
public sealed record CsvField(string Name, IReadOnlyList<string> Aliases, string Description);

/// <summary>Something a file gives in one of several ways, each a set of columns: the area as WKT, GeoJSON, or a circle's three columns.</summary>
/// <param name="What">What is given ("the area").</param>
/// <param name="Sets">The ways to give it; a file has exactly one complete set.</param>
public sealed record CsvChoice(string What, IReadOnlyList<IReadOnlyList<string>> Sets);

/// <summary>Which file column holds which field, after the header has been read.</summary>
/// <param name="Columns">0-based column index of every field present.</param>
/// <param name="Header">The header as written in the file.</param>
public sealed record CsvColumns(IReadOnlyDictionary<string, int> Columns, IReadOnlyList<string> Header)
{
    public bool Has(string field) => Columns.ContainsKey(field);

    /// <summary>How a problem with <paramref name="field"/> names it: the file's header, and the field when the header differs.</summary>
    public string Describe(string field) =>
        Columns.TryGetValue(field, out var index) && !string.Equals(Header[index].Trim(), field, StringComparison.OrdinalIgnoreCase)
            ? $"{Header[index].Trim()} ({field})"
            : field;
}

/// <summary>
/// A kind of CSV export: the fields it reads, the header names each is known by, and which are
/// required. Header names compare ignoring case, spaces, '_', '-' and '.', so <c>windowStart</c>,
/// <c>window.start</c> and <c>Window Start</c> are one column. An export with other names is read
/// through a column map (<c>Officer=requester</c>; <c>Notes=-</c> ignores a column). Every header
/// problem — an unknown column, a missing required one, a column given twice — is reported at once,
/// before any row is read.
/// </summary>
public sealed class CsvLayout
{
    private readonly FrozenDictionary<string, string> byKey;

    /// <param name="name">What the layout reads, for messages ("footage requests").</param>
    /// <param name="fields">Every field, in documentation order.</param>
    /// <param name="required">Fields every file must have.</param>
    /// <param name="choices">What a file gives in one of several ways.</param>
    public CsvLayout(string name, IReadOnlyList<CsvField> fields, IReadOnlyList<string> required, IReadOnlyList<CsvChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Name = name;
        Fields = fields;
        Required = required;
        Choices = choices;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var alias in field.Aliases.Prepend(field.Name))
            {
                if (!keys.TryAdd(Key(alias), field.Name) && keys[Key(alias)] != field.Name)
                {
                    throw new ArgumentException($"Header name '{alias}' is claimed by two fields.", nameof(fields));
                }
            }
        }

        byKey = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string Name { get; }

    public IReadOnlyList<CsvField> Fields { get; }

    public IReadOnlyList<string> Required { get; }

    public IReadOnlyList<CsvChoice> Choices { get; }

    /// <summary>A header name as it is compared: lower case, without spaces, '_', '-' and '.'.</summary>
    public static string Key(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var key = new StringBuilder(header.Length);
        foreach (var c in header.Trim())
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '.'))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }

    /// <summary>
    /// Parses a column map written <c>HEADER=FIELD,…</c> (<c>FIELD</c> may be <c>-</c> to ignore the
    /// column); every malformed pair or unknown field is a problem.
    /// </summary>
    public (IReadOnlyDictionary<string, string?> Map, IReadOnlyList<string> Problems) ParseMap(string? text)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (map, problems);
        }

        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.LastIndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1)
            {
                problems.Add($"'{pair}' is not HEADER=FIELD (or HEADER=- to ignore a column)");
                continue;
            }

            var header = pair[..eq].Trim();
            var target = pair[(eq + 1)..].Trim();
            string? field = null;
            if (target != "-" && (field = Fields.FirstOrDefault(f => string.Equals(f.Name, target, StringComparison.OrdinalIgnoreCase))?.Name
                    ?? (byKey.TryGetValue(Key(target), out var aliased) ? aliased : null)) is null)
            {
                problems.Add($"'{pair}': unknown field '{target}'; the fields are {string.Join(", ", Fields.Select(f => f.Name))}");
                continue;
            }

            if (!map.TryAdd(Key(header), field))
            {
                problems.Add($"'{pair}': the column '{header}' is mapped more than once");
            }
        }

        return (map, problems);
    }

    /// <summary>Maps a header row to fields; every problem names its column (line 1).</summary>
    public (CsvColumns? Columns, IReadOnlyList<InputProblem> Problems) Map(IReadOnlyList<string> header, IReadOnlyDictionary<string, string?>? map = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        map ??= FrozenDictionary<string, string?>.Empty;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<InputProblem>();
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var key = Key(name);
            string? field;
            if (map.TryGetValue(key, out var mapped))
            {
                field = mapped;
                if (field is null)
                {
                    continue;
                }
            }
            else if (!byKey.TryGetValue(key, out field))
            {
                problems.Add(new InputProblem(string.Empty, name.Length == 0 ? "a column has no name" : $"unknown column '{name}'", 1, i + 1));
                unknown.Add(name);
                continue;
            }

            if (!columns.TryAdd(field, i))
            {
                problems.Add(new InputProblem(string.Empty, $"column '{name}' is the field {field} again (first in column {columns[field] + 1})", 1, i + 1));
            }
        }

        foreach (var field in Required.Where(f => !columns.ContainsKey(f)))
        {
            problems.Add(new InputProblem(string.Empty, $"missing required column '{field}'", 1));
        }

        foreach (var choice in Choices)
        {
            var complete = choice.Sets.Where(set => set.All(columns.ContainsKey)).ToList();
            var partial = choice.Sets.Where(set => set.Any(columns.ContainsKey) && !set.All(columns.ContainsKey)).ToList();
            foreach (var set in partial)
            {
                problems.Add(new InputProblem(string.Empty, $"columns {string.Join(", ", set)} go together; missing {string.Join(", ", set.Where(f => !columns.ContainsKey(f)))}", 1));
            }

            if (complete.Count == 0 && partial.Count == 0)
            {
                problems.Add(new InputProblem(string.Empty, $"no column for {choice.What}: expected {Describe(choice)}", 1));
            }
            else if (complete.Count > 1)
            {
                problems.Add(new InputProblem(string.Empty, $"{choice.What} is given more than one way ({string.Join(" and ", complete.Select(set => string.Join(" + ", set)))}); keep one", 1));
            }
        }

        if (unknown.Count > 0)
        {
            problems.Add(new InputProblem(string.Empty,
                $"the {Name} columns are {string.Join(", ", Fields.Select(f => f.Name))} (docs/INPUT.md); map other names with --columns '{unknown[0]}=FIELD' or ignore a column with --columns '{unknown[0]}=-'", 1));
        }

        return problems.Count == 0 ? (new CsvColumns(columns, [.. header]), problems) : (null, problems);
    }

    private static string Describe(CsvChoice choice) =>
        string.Join(", or ", choice.Sets.Select(set => set.Count == 1 ? set[0] : string.Join(" + ", set)));
}
