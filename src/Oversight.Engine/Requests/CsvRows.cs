using System.Text;

namespace Oversight.Requests;

/// <summary>One CSV record: its fields and the 1-based line it starts on.</summary>
internal readonly record struct CsvRow(int Line, string[] Fields, string? Error);

/// <summary>
/// An RFC 4180 reader that keeps the line each record starts on, so that every problem can be
/// named by line and column. Quoted fields may hold separators, doubled quotes and line breaks.
/// </summary>
internal static class CsvRows
{
    public static IEnumerable<CsvRow> Read(TextReader reader)
    {
        var line = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (reader.ReadLine() is { } text)
        {
            line++;
            var start = line;
            fields.Clear();
            field.Clear();
            var inQuotes = false;
            string? error = null;
            var i = 0;
            while (true)
            {
                if (i >= text.Length)
                {
                    if (inQuotes && reader.ReadLine() is { } next)
                    {
                        line++;
                        field.Append('\n');
                        text = next;
                        i = 0;
                        continue;
                    }

                    if (inQuotes)
                    {
                        error = "a quoted field is not closed before the end of the file";
                    }

                    fields.Add(field.ToString());
                    break;
                }

                var c = text[i];
                if (inQuotes)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    if (c == '"')
                    {
                        inQuotes = false;
                        i++;
                        if (i < text.Length && text[i] != ',')
                        {
                            error ??= $"unexpected text after the closing quote of field {fields.Count + 1}";
                        }

                        continue;
                    }

                    field.Append(c);
                    i++;
                    continue;
                }

                if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '"' && field.Length == 0)
                {
                    inQuotes = true;
                }
                else
                {
                    field.Append(c);
                }

                i++;
            }

            if (fields.Count == 1 && fields[0].Length == 0 && error is null)
            {
                continue;
            }

            yield return new CsvRow(start, [.. fields], error);
        }
    }
}
