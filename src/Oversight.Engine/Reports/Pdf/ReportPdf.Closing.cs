namespace Oversight.Reports.Pdf;

public static partial class ReportPdf
{
    private static void Findings(PageLayout layout, TransparencyReport report)
    {
        layout.Heading("Patterns found across requests");
        var s = report.Summary;
        if (report.Findings.Count == 0)
        {
            layout.Paragraph("The automatic audit found no pattern across requests in this period (see the methods for what it looks for).", 9.5f);
            return;
        }

        layout.Paragraph(
            $"The automatic audit found {ReportOrdinance.Plural(s.Findings, "pattern")} that no single request shows: {s.FindingsHigh} of high, {s.FindingsMedium} of medium and {s.FindingsLow} of low severity. " +
            "Each is listed with what was found and what an auditor decided about it. " +
            (report.Findings.Count > FindingsListed ? $"The {FindingsListed} most severe are listed; the workbook lists all {report.Findings.Count:N0}." : string.Empty),
            9.5f);
        layout.Table(ReportTables.Findings(report.Findings.Take(FindingsListed)), 7.5f);
    }

    private static void Ordinance(PageLayout layout, TransparencyReport report)
    {
        layout.NewPage();
        layout.Heading("What the oversight ordinances ask for");
        layout.Paragraph(
            "Surveillance-oversight ordinances (Oakland OMC 9.64, Palo Alto PAMC 2.30, Seattle SMC 14.18, New York City's POST Act) ask the annual report for these items. " +
            "Each is answered from this report's data, from the staff notes, or marked as not provided.",
            9,
            color: PageLayout.Muted);
        layout.Table(ReportTables.Ordinance(report), 8);
    }

    private static void Notes(PageLayout layout, TransparencyReport report)
    {
        layout.Heading("Staff notes", keepWith: 60);
        if (report.Notes is not { } notes)
        {
            layout.Paragraph("Staff gave no notes for this period: every item below is not provided.", 9.5f);
        }
        else if (notes.PreparedBy is { } by)
        {
            layout.Paragraph($"Prepared by {by}.", 9.5f, color: PageLayout.Muted);
        }

        foreach (var topic in ReportNotes.Topics)
        {
            layout.Subheading(topic.Title);
            layout.Paragraph(report.Notes?[topic.Key] ?? "Not provided.", 9.5f, color: report.Notes?[topic.Key] is null ? PageLayout.Muted : null);
        }
    }

    private static void Rules(PageLayout layout, TransparencyReport report)
    {
        layout.NewPage();
        layout.Heading("The rules in force");
        layout.Paragraph($"The policy {report.Cover.PolicyId} as it stands, every rule with its limit in plain words, and what happens to a request that breaks it.", 9, color: PageLayout.Muted);
        layout.Table(ReportTables.Rules(report), 8);
        if (report.Exemptions.Count > 0)
        {
            layout.Subheading("Exemptions");
            layout.Table(ReportTables.Exemptions(report), 8);
        }
    }

    private static void Policies(PageLayout layout, TransparencyReport report)
    {
        layout.Heading("Policy versions in force");
        layout.Paragraph(
            report.Policies.Count switch
            {
                0 => "No request was decided in this period.",
                1 => "One version of the policy decided every request in this period; the policy did not change.",
                _ => $"The policy changed during the period: {report.Policies.Count} versions decided requests, listed in the order they were first used.",
            },
            9.5f);
        layout.Table(ReportTables.Policies(report));
        if (report.PolicyChanges.Count > 0)
        {
            layout.Subheading("What changed");
            layout.Table(ReportTables.Changes(report), 7.5f);
        }
    }

    private static void Definitions(PageLayout layout, TransparencyReport report)
    {
        layout.Heading("Definitions", keepWith: 120);
        layout.Table(ReportTables.Definitions(report), 8);
    }

    private static void Methods(PageLayout layout, TransparencyReport report)
    {
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

    private static void Provenance(PageLayout layout, TransparencyReport report)
    {
        layout.Heading("Provenance", 12, keepWith: 150);
        var table = ReportTables.Provenance(report);
        layout.Box([.. table.Rows.Select(r => (r[0], r[1]))], 7.5f);
    }
}
