using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Oversight.Reports.Pdf;

/// <summary>
/// Adds what Skia's PDF backend cannot write — the document language, "show the title, not the
/// file name", and an outline (bookmarks) for every section — as a PDF incremental update
/// (ISO 32000-1 §7.5.6): the catalog is rewritten with /Lang, /ViewerPreferences, /PageMode and
/// /Outlines, the outline items are appended, and a new cross-reference section points back to
/// Skia's with /Prev. Skia's bytes are kept unchanged in front.
/// </summary>
internal static partial class PdfOutline
{
    public static byte[] Finish(byte[] pdf, string language, IReadOnlyList<Bookmark> bookmarks)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var size = int.Parse(SizeEntry().Match(text, trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var root = int.Parse(RootEntry().Match(text, trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var info = InfoEntry().Match(text, trailer) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        var startXref = int.Parse(StartXref().Match(text, trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var catalog = Body(text, root);
        var pagesRef = int.Parse(PagesEntry().Match(catalog).Groups[1].Value, CultureInfo.InvariantCulture);
        var pages = new List<int>();
        CollectPages(text, pagesRef, pages);

        var objects = new SortedDictionary<int, string>();
        var outlines = size;
        var next = size + 1;
        var items = bookmarks.Select(b => (Bookmark: b, Id: next++)).ToList();
        var tops = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var (bookmark, id) = items[i];
            var parent = bookmark.Level == 0 ? outlines : items.Take(i).Last(x => x.Bookmark.Level == 0).Id;
            var siblings = items.Where(x => x.Bookmark.Level == bookmark.Level && Parent(items, x, outlines) == parent).ToList();
            var index = siblings.FindIndex(x => x.Id == id);
            var children = bookmark.Level == 0 ? items.Skip(i + 1).TakeWhile(x => x.Bookmark.Level > 0).ToList() : [];
            var entry = new StringBuilder()
                .Append("<</Title ").Append(Utf16(bookmark.Title))
                .Append(CultureInfo.InvariantCulture, $"\n/Parent {parent} 0 R")
                .Append(CultureInfo.InvariantCulture, $"\n/Dest [{pages[Math.Min(bookmark.Page, pages.Count - 1)]} 0 R /XYZ 0 {(PageLayout.PageHeight - bookmark.Y + 6).ToString("0.##", CultureInfo.InvariantCulture)} null]");
            if (index > 0)
            {
                entry.Append(CultureInfo.InvariantCulture, $"\n/Prev {siblings[index - 1].Id} 0 R");
            }

            if (index < siblings.Count - 1)
            {
                entry.Append(CultureInfo.InvariantCulture, $"\n/Next {siblings[index + 1].Id} 0 R");
            }

            if (children.Count > 0)
            {
                entry.Append(CultureInfo.InvariantCulture, $"\n/First {children[0].Id} 0 R\n/Last {children[^1].Id} 0 R\n/Count -{children.Count}");
            }

            objects[id] = entry.Append(">>").ToString();
            if (bookmark.Level == 0)
            {
                tops.Add(id);
            }
        }

        objects[outlines] = tops.Count == 0
            ? "<</Type /Outlines\n/Count 0>>"
            : $"<</Type /Outlines\n/First {tops[0]} 0 R\n/Last {tops[^1]} 0 R\n/Count {tops.Count}>>";
        var body = catalog.Trim();
        body = body[..body.LastIndexOf(">>", StringComparison.Ordinal)];
        objects[root] = body +
            $"\n/Lang ({language})\n/ViewerPreferences <</DisplayDocTitle true>>\n/PageMode /UseOutlines\n/Outlines {outlines} 0 R>>";

        using var output = new MemoryStream();
        output.Write(pdf);
        if (pdf[^1] != (byte)'\n')
        {
            output.WriteByte((byte)'\n');
        }

        var offsets = new SortedDictionary<int, long>();
        foreach (var (id, content) in objects)
        {
            offsets[id] = output.Position;
            Write(output, $"{id} 0 obj\n{content}\nendobj\n");
        }

        var xref = output.Position;
        var table = new StringBuilder("xref\n");
        foreach (var run in Runs(offsets.Keys.ToList()))
        {
            table.Append(CultureInfo.InvariantCulture, $"{run[0]} {run.Count}\n");
            foreach (var id in run)
            {
                table.Append(CultureInfo.InvariantCulture, $"{offsets[id]:0000000000} 00000 n \n");
            }
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {next}\n/Root {root} 0 R\n");
        if (info >= 0)
        {
            table.Append(CultureInfo.InvariantCulture, $"/Info {info} 0 R\n");
        }

        table.Append(CultureInfo.InvariantCulture, $"/Prev {startXref}>>\nstartxref\n{xref}\n%%EOF\n");
        Write(output, table.ToString());
        return output.ToArray();
    }

    private static int Parent(List<(Bookmark Bookmark, int Id)> items, (Bookmark Bookmark, int Id) item, int outlines)
    {
        if (item.Bookmark.Level == 0)
        {
            return outlines;
        }

        var i = items.FindIndex(x => x.Id == item.Id);
        return items.Take(i).Last(x => x.Bookmark.Level == 0).Id;
    }

    private static void CollectPages(string text, int node, List<int> pages)
    {
        var body = Body(text, node);
        if (Kids().Match(body) is { Success: true } kids)
        {
            foreach (Match kid in Reference().Matches(kids.Groups[1].Value))
            {
                CollectPages(text, int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture), pages);
            }
        }
        else
        {
            pages.Add(node);
        }
    }

    /// <summary>The dictionary text of object <paramref name="id"/> (the last definition wins, as in an update).</summary>
    private static string Body(string text, int id)
    {
        var start = text.LastIndexOf($"\n{id} 0 obj", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"The PDF has no object {id}.");
        }

        start = text.IndexOf("obj", start, StringComparison.Ordinal) + 3;
        var end = text.IndexOf("endobj", start, StringComparison.Ordinal);
        var body = text[start..end];
        var stream = body.IndexOf("stream", StringComparison.Ordinal);
        return stream >= 0 ? body[..stream] : body;
    }

    private static IEnumerable<List<int>> Runs(List<int> ids)
    {
        var run = new List<int>();
        foreach (var id in ids)
        {
            if (run.Count > 0 && id != run[^1] + 1)
            {
                yield return run;
                run = [];
            }

            run.Add(id);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static string Utf16(string text) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";

    private static void Write(Stream output, string text) => output.Write(Encoding.Latin1.GetBytes(text));

    [GeneratedRegex(@"/Size (\d+)")]
    private static partial Regex SizeEntry();

    [GeneratedRegex(@"/Root (\d+) 0 R")]
    private static partial Regex RootEntry();

    [GeneratedRegex(@"/Info (\d+) 0 R")]
    private static partial Regex InfoEntry();

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Pages (\d+) 0 R")]
    private static partial Regex PagesEntry();

    [GeneratedRegex(@"/Kids \[([^\]]*)\]")]
    private static partial Regex Kids();

    [GeneratedRegex(@"(\d+) 0 R")]
    private static partial Regex Reference();
}
