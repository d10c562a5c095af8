namespace Oversight.Reports.Pdf;

public static partial class ReportPdf
{
    private static void Chart(PageLayout layout, string title, string sentence, float height, ScottPlot.Plot plot)
    {
        layout.Heading(title, keepWith: height + 30);
        layout.Paragraph(sentence, 9.5f, color: PageLayout.Muted);
        layout.Block(height, (canvas, rect) => Charts.Draw(canvas, rect, plot));
        layout.Space(8);
    }

    private static void Weekly(PageLayout layout, TransparencyReport report)
    {
        layout.NewPage();
        Chart(layout, "Requests each week", "Each bar is one week (Monday to Sunday); its colours show how many requests were allowed, sent for review or denied.", 250, ReportCharts.Weekly(report));
        layout.Table(
            [new("Week starting", 1.4f), new("Submitted", 1, true), new("Allowed", 1, true), new("Needed review", 1, true), new("Denied", 1, true)],
            [.. report.Weekly.Select(w => new[] { w.WeekStart.ToString("MMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture), N(w.Submitted), w.Allowed.Text, w.Review.Text, w.Denied.Text })]);
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
        Chart(layout, "Why requests were denied", "Each bar counts the denied requests that broke one rule of the policy; a request can break several rules.", 30 + (22 * top), ReportCharts.Denials(report, top));
        layout.Table(
            [new("Rule", 1.2f), new("What the rule forbids", 3.4f), new("Denied requests", 1.1f, true)],
            [.. report.Denials.Select(d => new[] { d.RuleId, d.Description, d.Requests.Text })]);
    }

    private static void Distributions(PageLayout layout, TransparencyReport report)
    {
        layout.NewPage();
        var k = report.Cover.SuppressBelow;
        Chart(layout, "How large an area was asked for", "How many requests covered an area of each size; the dashed line is the policy's limit for one request.", 230, ReportCharts.Distribution(report.Areas, k));
        Chart(layout, "How much time was asked for", "How many requests asked for footage spanning each length of time; the dashed line is the policy's limit.", 230, ReportCharts.Distribution(report.Windows, k));
    }

    private static void Geography(PageLayout layout, TransparencyReport report)
    {
        if (report.Geography is not { } geography)
        {
            return;
        }

        layout.NewPage();
        layout.Heading("Where footage was requested", keepWith: 400);
        layout.Paragraph("The map shades each census tract by how many requests were centred in it; darker means more requests.", 9.5f, color: PageLayout.Muted);
        layout.Block(380, (canvas, rect) => TractMap.Draw(canvas, rect, geography, report.Cover.SuppressBelow));
        layout.Space(10);
        layout.Table(
            [new("Census tract", 1.5f), new("GEOID", 1.5f), new("Requests", 1, true)],
            [.. geography.Areas.Select(a => new[] { a.Name, a.Id, a.Requests.Text }).Append(["Outside the tracts", string.Empty, geography.Outside.Text])]);
    }

    private static void Breakdowns(PageLayout layout, TransparencyReport report)
    {
        layout.Heading("Requests by agency");
        layout.Paragraph("Each agency's requests and what happened to them. The submitted column is exact; the others follow the small-count rule.", 9.5f, color: PageLayout.Muted);
        layout.Table(
            [new("Agency", 2.2f), new("Submitted", 1, true), new("Allowed", 1, true), new("Needed review", 1.1f, true), new("Denied", 1, true), new("Median area (sq mi)", 1.3f, true), new("Median window (h)", 1.3f, true)],
            [.. report.ByAgency.Select(a => new[] { a.Agency, N(a.Submitted), a.Allowed.Text, a.Review.Text, a.Denied.Text, a.MedianAreaSqMiles is { } m ? $"{m:0.000}" : "–", a.MedianWindowHours is { } h ? $"{h:0.0}" : "–" })]);
        layout.Heading("Requests by legal basis");
        layout.Paragraph("Consent means the agency asked residents to share voluntarily; a warrant is a court order; exigent means an emergency.", 9.5f, color: PageLayout.Muted);
        layout.Table(
            [new("Legal basis", 2), new("Submitted", 1, true), new("Allowed", 1, true), new("Needed review", 1.1f, true), new("Denied", 1, true)],
            [.. report.ByLegalBasis.Select(b => new[] { b.LegalBasis, b.Submitted.Text, b.Allowed.Text, b.Review.Text, b.Denied.Text })]);
    }
}
