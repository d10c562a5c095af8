using Oversight.Reports.Pdf;
using SkiaSharp;

namespace Oversight.Reports.Searches;

/// <summary>
/// The search report as a PDF: page 1 for a reader who reads nothing else (what the input covers,
/// plain sentences, the headline numbers), then searches each week, what the rules found, what the
/// reasons show, how wide the searches were, searches per officer, findings, staff notes, the rules
/// in force, definitions, methods and provenance. Same page layout, font and charts as the footage report.
/// </summary>
public static class SearchReportPdf
{
    public static void Write(SearchReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var layout = new PageLayout();
        Cover(layout, report);
        if (report.Cover.Mode == ReportMode.Full)
        {
            Body(layout, report);
        }

        if (report.Notes is { } notes)
        {
            layout.Heading("Staff notes", keepWith: 60);
            foreach (var topic in ReportNotes.Topics.Where(t => notes[t.Key] is not null))
            {
                layout.Subheading(topic.Title);
                layout.Paragraph(notes[topic.Key]!, 9.5f);
            }
        }

        if (report.Cover.Mode == ReportMode.Full)
        {
            Closing(layout, report);
        }

        layout.Heading("Provenance", 12, keepWith: 150);
        layout.Box([.. SearchReportTables.Provenance(report).Rows.Select(r => (r[0], r[1]))], 7.5f);
        var c = report.Cover;
        using var skia = new MemoryStream();
        layout.Write(
            skia,
            $"{c.Jurisdiction} · Licence-plate-reader searches · {c.Period}{(c.Internal ? " · INTERNAL" : string.Empty)}",
            new SKDocumentPdfMetadata
            {
                Title = Title(report),
                Subject = "Transparency report: police licence-plate-reader searches",
                Keywords = "transparency report, surveillance oversight, ALPR, licence plate reader, Flock",
                Creator = ReportBuilder.Producer,
                Producer = ReportBuilder.Producer,
                Creation = c.GeneratedAt.UtcDateTime,
                Modified = c.GeneratedAt.UtcDateTime,
            });
        output.Write(PdfOutline.Finish(skia.ToArray(), ReportPdf.Language, layout.Bookmarks));
    }

    /// <summary>"Eugene, OR — licence-plate-reader searches: licence-plate-reader searches, 2025Q3".</summary>
    public static string Title(SearchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"{report.Cover.Jurisdiction}: licence-plate-reader searches, {report.Cover.Period}{(report.Cover.Internal ? " (internal)" : string.Empty)}";
    }

    private static void Cover(PageLayout layout, SearchReport report)
    {
        var c = report.Cover;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(c.TimeZone);
        layout.Mark("Summary", 0);
        layout.Paragraph("TRANSPARENCY REPORT · AUDIT", 9, bold: true, PageLayout.Muted);
        layout.Paragraph("Police licence-plate-reader searches", 19, bold: true, PageLayout.Accent);
        layout.Paragraph($"{c.Jurisdiction} · {c.Period}: {ReportTables.Day(c.PeriodStart, zone)} to {ReportTables.Day(c.PeriodEnd.AddTicks(-1), zone)}", 11.5f, bold: true);
        if (c.Internal)
        {
            layout.Paragraph("INTERNAL — for auditors; counts are not suppressed. Not for publication.", 10.5f, bold: true, SKColor.Parse("#B3392F"));
        }

        var v = report.Coverage;
        layout.Box(
        [
            ("What the input covers", SearchReportTables.Span(report) is { } span
                ? $"{ReportTables.Capital(v.Source)}: records from {span}; {ReportTables.N(v.RecordsRead)} read, {ReportTables.N(v.RecordsRejected)} rejected as not valid searches."
                : $"{ReportTables.Capital(v.Source)}: no records."),
            ("This period", $"{c.Period}: {ReportTables.Coverage(v.Period)}. {report.Summary.PreviousPeriod} (previous): {ReportTables.Coverage(v.Previous)}."),
            ("What this is", "An audit: the searches had already run. Each was checked against the policy as if it had been in force."),
        ]);
        layout.Heading("In brief", 12.5f, keepWith: 60);
        foreach (var sentence in report.Highlights)
        {
            layout.Bullet(sentence, 9.2f);
        }

        layout.Heading("At a glance", 12.5f, keepWith: 120);
        layout.Table(SearchReportTables.Summary(report), 8);
    }

    private static void Chart(PageLayout layout, string title, string sentence, float height, ScottPlot.Plot plot)
    {
        layout.Heading(title, keepWith: height + 30);
        layout.Paragraph(sentence, 9, color: PageLayout.Muted);
        layout.Block(height, (canvas, rect) => Charts.Draw(canvas, rect, plot));
        layout.Space(8);
    }

    private static void Body(PageLayout layout, SearchReport report)
    {
        layout.NewPage();
        Chart(
            layout,
            "Searches each week",
            "Each bar is one Monday-to-Sunday week, coloured by what the audit says of its searches: broke no rule, broke only rules the policy notes without enforcing (warn), needs review, would have been denied. A hatched part is withheld so that small counts cannot be singled out. * A partial week.",
            230,
            SearchReportTables.WeeklyChart(report));
        layout.Table(SearchReportTables.Weekly(report));

        layout.NewPage();
        Chart(
            layout,
            "What the rules found",
            "For each rule: the searches that broke it (red) and those it could not judge because the export does not publish what it needs (hatched). A search can break several rules.",
            Math.Max(150, 40 + (26 * report.Rules.Count)),
            SearchCharts.Rules(report));
        layout.Table(SearchReportTables.Rules(report), 7.5f);

        layout.Heading("What the reasons show");
        layout.Paragraph("Why each search was run, as the officer typed it. A vague reason is one that says no more than a phrase such as \u201cinvestigation\u201d.", 9, color: PageLayout.Muted);
        layout.Table(SearchReportTables.Reasons(report));
        if (report.CommonReasons.Count > 0)
        {
            layout.Subheading("The reasons given most often");
            layout.Table(SearchReportTables.CommonReasons(report), 8);
        }

        layout.NewPage();
        if (report.Breadth is { } breadth)
        {
            Chart(layout, "How wide the searches were", "How many searches ran over each number of cameras (logarithmic bands); the dashed line is the policy's limit.", 220, ReportCharts.Distribution(breadth, "Searches"));
            layout.Table(SearchReportTables.Distribution(breadth, "Searches"));
        }

        if (report.Officers is { } officers)
        {
            Chart(layout, "Searches per officer", $"How many officers ran each number of searches in the period. Officers are counted, never named; {report.Summary.UnknownOfficer.Text} searches by masked officers are not in it.", 200, ReportCharts.Distribution(officers, "Officers"));
            layout.Table(SearchReportTables.Distribution(officers, "Officers"));
        }

        layout.Heading("Patterns found across searches");
        if (report.Findings.Count == 0)
        {
            layout.Paragraph("The automatic audit found no pattern across searches in this period.", 9.5f);
            return;
        }

        layout.Paragraph(
            $"The automatic audit found {ReportOrdinance.Plural(report.Findings.Count, "pattern")} that no single search shows. A finding is a reason to look, not a verdict." +
            (report.Findings.Count > ReportPdf.FindingsListed ? $" The {ReportPdf.FindingsListed} most severe are listed; the workbook lists all {report.Findings.Count:N0}." : string.Empty),
            9.5f);
        layout.Table(SearchReportTables.Findings(report.Findings.Take(ReportPdf.FindingsListed)), 7.5f);
    }

    private static void Closing(PageLayout layout, SearchReport report)
    {
        layout.NewPage();
        layout.Heading("The rules in force");
        layout.Paragraph($"The policy {report.Cover.PolicyId}, every rule in plain words, and what breaking it means in this audit.", 9, color: PageLayout.Muted);
        layout.Table(SearchReportTables.Rulebook(report), 8);
        layout.Heading("Definitions", keepWith: 120);
        layout.Table(SearchReportTables.Definitions(report), 8);
        layout.NewPage();
        layout.Heading("How this report is made");
        foreach (var section in report.Methods)
        {
            layout.Subheading(section.Heading);
            foreach (var paragraph in section.Paragraphs.Where(p => p.Length > 0))
            {
                layout.Paragraph(paragraph, 9);
            }
        }
    }
}
