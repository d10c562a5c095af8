namespace Oversight.Reports.Pdf;

public static partial class ReportPdf
{
    private static void Findings(PageLayout layout, TransparencyReport report, TimeZoneInfo zone)
    {
        layout.Heading("Patterns found across requests");
        var s = report.Summary;
        if (report.Findings.Count == 0)
        {
            layout.Paragraph("The audit found no pattern across requests in this period (see the methods for what is looked for).");
            return;
        }

        layout.Paragraph(
            $"The audit found {s.Findings:N0} pattern{(s.Findings == 1 ? string.Empty : "s")} that no single request shows: {s.FindingsHigh} of high, {s.FindingsMedium} of medium and {s.FindingsLow} of low severity. " +
            (report.Findings.Count > FindingsListed ? $"The {FindingsListed} most severe are listed; the workbook lists all {report.Findings.Count:N0}." : "Each is listed with what was found."),
            9.5f);
        layout.Table(
            [new("Severity", 1.1f), new("Pattern", 1.3f), new("First request", 1.2f), new("Requests", 1.1f, true), new("What was found", 4.9f)],
            [.. report.Findings.Take(FindingsListed).Select(f => new[] { f.Severity, f.Kind.Replace('-', ' '), Time(f.FirstSubmittedAt, zone), N(f.Requests), f.Explanation })]);
    }

    private static void Policies(PageLayout layout, TransparencyReport report, TimeZoneInfo zone)
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
        layout.Table(
            [new("Policy", 1.3f), new("Version", 0.9f), new("SHA-256 (first 16)", 1.8f), new("Requests", 0.9f, true), new("First used", 1.4f), new("Last used", 1.4f)],
            [.. report.Policies.Select(p => new[] { p.PolicyId, p.Version, p.Sha256[..Math.Min(16, p.Sha256.Length)], N(p.Requests), Time(p.FirstUsed, zone), Time(p.LastUsed, zone) })]);
    }

    private static void Methods(PageLayout layout, TransparencyReport report)
    {
        layout.NewPage();
        layout.Heading("How this report is made");
        foreach (var section in report.Methods)
        {
            layout.Paragraph(section.Heading, 11, bold: true, PageLayout.Accent);
            foreach (var paragraph in section.Paragraphs)
            {
                layout.Paragraph(paragraph, 9.5f);
            }
        }
    }
}
