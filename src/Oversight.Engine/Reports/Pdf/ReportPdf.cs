using SkiaSharp;

namespace Oversight.Reports.Pdf;

/// <summary>
/// The report as a PDF for a council packet. Page 1 is for a reader who reads nothing else: what
/// the input covers, a few plain sentences, the headline numbers and a small trend. Then charts
/// and tables, findings with their dispositions, what the ordinances ask for, the staff notes, the
/// rules in force, policy versions, definitions, methods, and a provenance box at the back.
/// Letter pages, embedded DejaVu Sans, vector charts, a document title, language and an outline.
/// </summary>
public static partial class ReportPdf
{
    /// <summary>At most this many findings are listed in the PDF; the workbook lists all.</summary>
    public const int FindingsListed = 40;

    /// <summary>The document language (BCP 47).</summary>
    public const string Language = "en-US";

    public static void Write(TransparencyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var layout = new PageLayout();
        Cover(layout, report);
        if (report.Cover.Mode == ReportMode.Full)
        {
            Weekly(layout, report);
            Denials(layout, report);
            Distributions(layout, report);
            Geography(layout, report);
            Breakdowns(layout, report);
            Findings(layout, report);
            Ordinance(layout, report);
            Notes(layout, report);
            Rules(layout, report);
            Policies(layout, report);
            Definitions(layout, report);
            Methods(layout, report);
        }
        else if (report.Notes is not null)
        {
            Ordinance(layout, report);
            Notes(layout, report);
        }

        Provenance(layout, report);
        var c = report.Cover;
        using var skia = new MemoryStream();
        layout.Write(
            skia,
            $"{c.Jurisdiction} · Camera footage requests · {c.Period}{(c.Internal ? " · INTERNAL" : string.Empty)}",
            new SKDocumentPdfMetadata
            {
                Title = Title(report),
                Subject = "Transparency report: police requests for residents' camera footage",
                Keywords = "transparency report, surveillance oversight, camera footage requests",
                Creator = ReportBuilder.Producer,
                Producer = ReportBuilder.Producer,
                Creation = c.GeneratedAt.UtcDateTime,
                Modified = c.GeneratedAt.UtcDateTime,
            });
        output.Write(PdfOutline.Finish(skia.ToArray(), Language, layout.Bookmarks));
    }

    /// <summary>"Rochester, MN — community video requests: camera footage requests, 2026Q3".</summary>
    public static string Title(TransparencyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"{report.Cover.Jurisdiction}: camera footage requests, {report.Cover.Period}{(report.Cover.Internal ? " (internal)" : string.Empty)}";
    }

    private static void Cover(PageLayout layout, TransparencyReport report)
    {
        var c = report.Cover;
        var zone = ReportTables.Zone(report);
        layout.Mark("Summary", 0);
        layout.Paragraph("TRANSPARENCY REPORT", 9, bold: true, PageLayout.Muted);
        layout.Paragraph("Police requests for residents' camera footage", 19, bold: true, PageLayout.Accent);
        layout.Paragraph($"{c.Jurisdiction} · {c.Period}: {ReportTables.Day(c.PeriodStart, zone)} to {ReportTables.Day(c.PeriodEnd.AddTicks(-1), zone)}", 11.5f, bold: true);
        if (c.Internal)
        {
            layout.Paragraph("INTERNAL — for auditors; counts are not suppressed. Not for publication.", 10.5f, bold: true, SKColor.Parse("#B3392F"));
        }

        var v = report.Coverage;
        layout.Box(
        [
            ("What the input covers", ReportTables.Span(report) is { } span
                ? $"{Capital(v.Source)}: records from {span}; {ReportTables.N(v.RecordsRead)} read, {ReportTables.N(v.RecordsRejected)} rejected as not valid requests."
                : $"{Capital(v.Source)}: no records."),
            ("This period", $"{c.Period}: {ReportTables.Coverage(v.Period)}. {report.Summary.PreviousPeriod} (previous): {ReportTables.Coverage(v.Previous)}."),
        ]);
        layout.Heading("In brief", 12.5f, keepWith: 60);
        foreach (var sentence in report.Highlights)
        {
            layout.Bullet(sentence, 9.2f);
        }

        layout.Heading("At a glance", 12.5f, keepWith: 120);
        layout.Table(ReportTables.Summary(report), 8);
        if (report.Trend.Count > 1)
        {
            layout.Heading("The last periods", 11, keepWith: 78, level: 1);
            layout.Block(78, (canvas, rect) => Charts.Draw(canvas, rect, ReportCharts.Trend(report)));
        }
    }

    private static string Capital(string text) => ReportTables.Capital(text);
}
