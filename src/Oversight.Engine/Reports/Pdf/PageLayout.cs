using Oversight.Reports.Fonts;
using SkiaSharp;

namespace Oversight.Reports.Pdf;

/// <summary>A heading of the PDF for its outline (bookmarks): text, level (0 for a section), page index and height on the page.</summary>
internal sealed record Bookmark(string Title, int Level, int Page, float Y);

/// <summary>
/// The page layout of the PDF, and all of it: Letter pages with margins, a flowing cursor,
/// headings kept with what follows, word-wrapped paragraphs, tables whose header row repeats
/// on every page they run onto, fixed-height blocks (charts, the map), and a footer with
/// "page n of N". Pages are collected as drawing steps and written once the page count is known.
/// </summary>
internal sealed partial class PageLayout
{
    public const float PageWidth = 612;
    public const float PageHeight = 792;
    public const float Margin = 54;
    private const float FooterHeight = 24;

    public static readonly SKColor Ink = SKColor.Parse("#1F2937");
    public static readonly SKColor Muted = SKColor.Parse("#5B6472");
    public static readonly SKColor Accent = SKColor.Parse("#1F3A5F");
    public static readonly SKColor Rule = SKColor.Parse("#C9D2DC");
    public static readonly SKColor HeaderFill = SKColor.Parse("#E8EEF4");
    public static readonly SKColor Stripe = SKColor.Parse("#F6F8FA");

    private readonly List<List<Action<SKCanvas>>> pages = [];
    private readonly List<Bookmark> bookmarks = [];

    public PageLayout() => NewPage();

    public float Left => Margin;

    public float Width => PageWidth - (2 * Margin);

    public float Y { get; private set; }

    private float Bottom => PageHeight - Margin - FooterHeight;

    private List<Action<SKCanvas>> Page => pages[^1];

    /// <summary>The headings so far, for the PDF's outline.</summary>
    public IReadOnlyList<Bookmark> Bookmarks => bookmarks;

    public int PageCount => pages.Count;

    /// <summary>Remembers the cursor as a bookmark.</summary>
    public void Mark(string title, int level) => bookmarks.Add(new Bookmark(title, level, pages.Count - 1, Y));

    public void NewPage()
    {
        pages.Add([]);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> more points fit on this one.</summary>
    public void Need(float height)
    {
        if (Y + height > Bottom && Y > Margin)
        {
            NewPage();
        }
    }

    public void Space(float height) => Y = Math.Min(Y + height, Bottom);

    /// <summary>A block of fixed height drawn by <paramref name="draw"/> into the given rectangle (charts, the map).</summary>
    public void Block(float height, Action<SKCanvas, SKRect> draw)
    {
        Need(height);
        var rect = new SKRect(Left, Y, Left + Width, Y + height);
        Page.Add(canvas => draw(canvas, rect));
        Y += height;
    }

    /// <summary>Writes the pages as a PDF with a footer on each.</summary>
    public void Write(Stream output, string footer, SKDocumentPdfMetadata metadata)
    {
        using var document = SKDocument.CreatePdf(output, metadata);
        for (var i = 0; i < pages.Count; i++)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            foreach (var step in pages[i])
            {
                canvas.Save();
                step(canvas);
                canvas.Restore();
            }

            using var font = new SKFont(ReportFonts.Regular, 8);
            using var paint = new SKPaint { Color = Muted, IsAntialias = true };
            using var line = new SKPaint { Color = Rule, StrokeWidth = 0.5f };
            var baseline = PageHeight - Margin + 6;
            canvas.DrawLine(Left, baseline - 12, Left + Width, baseline - 12, line);
            canvas.DrawText(footer, Left, baseline, SKTextAlign.Left, font, paint);
            canvas.DrawText($"Page {i + 1} of {pages.Count}", Left + Width, baseline, SKTextAlign.Right, font, paint);
            document.EndPage();
        }

        document.Close();
    }
}
