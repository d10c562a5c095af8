namespace Oversight.Reports.Pdf;

public static partial class ReportPdf
{
    private static void Chart(PageLayout layout, string title, string sentence, float height, ScottPlot.Plot plot)
    {
        layout.Heading(title, keepWith: height + 30);
        layout.Paragraph(sentence, 9, color: PageLayout.Muted);
        layout.Block(height, (canvas, rect) => Charts.Draw(canvas, rect, plot));
        layout.Space(8);
    }

    private static void Weekly(PageLayout layout, TransparencyReport report)
    {
        layout.NewPage();
        Chart(
            layout,
            "Requests each week",
            "Each bar is one Monday-to-Sunday week; its colours show how many requests were allowed, sent for review or denied. " +
            "A hatched part is the rest of the week's exact total, withheld so that small counts cannot be singled out. * A partial week: only its days inside the period are counted.",
            240,
            ReportCharts.Weekly(report));
        layout.Table(ReportTables.Weekly(report));
    }

    private static void Denials(PageLayout layout, TransparencyReport report)
    {
        if (report.Denials.Count == 0)
        {
            layout.Heading("Why requests were denied");
            layout.Paragraph("No request was denied in this period.");
            return;
        }

        var top = Math.Min(report.Denials.Count, 10);
        Chart(
            layout,
            "Why requests were denied",
            "Each bar counts the denied requests that broke one rule of the policy; a request can break several rules.",
            Math.Max(110, 40 + (30 * top)),
            ReportCharts.Denials(report, top));
        layout.Table(ReportTables.Denials(report));
    }

    private static void Distributions(PageLayout layout, TransparencyReport report)
    {
        layout.NewPage();
        Chart(layout, "How large an area was asked for", "How many requests covered an area of each size; the dashed lines are the policy's limit and floor for one request.", 235, ReportCharts.Distribution(report.Areas!));
        Chart(layout, "How much time was asked for", "How many requests asked for footage spanning each length of time; the dashed lines are the policy's limit and floor.", 235, ReportCharts.Distribution(report.Windows!));
    }

    private static void Geography(PageLayout layout, TransparencyReport report)
    {
        if (report.Geography is not { } geography)
        {
            return;
        }

        layout.NewPage();
        layout.Heading("Where footage was requested", keepWith: 400);
        layout.Paragraph(
            "Each census tract is shaded by how many requests were centred in it (darker means more) and labelled with its tract number; the table gives every count" +
            (geography.HasPopulation ? " and the rate per 1,000 residents." : "."),
            9,
            color: PageLayout.Muted);
        layout.Block(390, (canvas, rect) => TractMap.Draw(canvas, rect, geography, report.Cover.SuppressBelow));
        layout.Space(8);
        layout.Table(ReportTables.Geography(geography));
    }

    private static void Breakdowns(PageLayout layout, TransparencyReport report)
    {
        layout.Heading("Requests by agency");
        if (report.AgenciesWithheld)
        {
            layout.Paragraph(ReportTables.AgenciesWithheld, 9.5f);
        }
        else
        {
            layout.Paragraph("Each agency's requests and what happened to them. Medians are given for agencies with a published total of at least the small-count threshold.", 9, color: PageLayout.Muted);
            layout.Table(ReportTables.Decisions("Agency", report.ByAgency, medians: true));
        }

        layout.Heading("Requests by legal basis");
        layout.Paragraph("Consent means the agency asked residents to share voluntarily; a warrant is a court order; exigent means an emergency the agency claims.", 9, color: PageLayout.Muted);
        layout.Table(ReportTables.Decisions("Legal basis", report.ByLegalBasis, medians: false));
        layout.Heading("Requests by incident type");
        layout.Paragraph("The kind of incident each request named, as the agency gave it.", 9, color: PageLayout.Muted);
        layout.Table(ReportTables.Decisions("Incident type", report.ByIncidentType, medians: false));
    }
}
