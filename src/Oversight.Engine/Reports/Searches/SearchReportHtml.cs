using System.Text;
using Oversight.Reports.Html;
using Oversight.Reports.Pdf;

namespace Oversight.Reports.Searches;

/// <summary>The search report as one self-contained, accessible web page: the same model and tables as its PDF.</summary>
public static class SearchReportHtml
{
    public static void Write(SearchReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Encoding.UTF8.GetBytes(Render(report)));
    }

    public static string Render(SearchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Cover;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(c.TimeZone);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(ReportHtml.E(SearchReportPdf.Title(report))).Append("</title>\n<style>").Append(ReportHtml.Style).Append("</style>\n</head>\n<body>\n")
            .Append("<header>\n<p class=\"kicker\">Transparency report · audit</p>\n<h1>Police licence-plate-reader searches</h1>\n")
            .Append("<p class=\"sub\">").Append(ReportHtml.E($"{c.Jurisdiction} · {c.Period}: {ReportTables.Day(c.PeriodStart, zone)} to {ReportTables.Day(c.PeriodEnd.AddTicks(-1), zone)}")).Append("</p>\n");
        if (c.Internal)
        {
            html.Append("<p class=\"internal\"><strong>INTERNAL</strong> — for auditors; counts are not suppressed. Not for publication.</p>\n");
        }

        html.Append("</header>\n<main>\n");
        var full = c.Mode == ReportMode.Full;
        html.Append("<nav aria-label=\"Sections\"><ul>\n");
        foreach (var (id, label) in new[] { ("summary", "In brief"), ("weekly", "Weeks"), ("rules", "Rules"), ("reasons", "Reasons"), ("breadth", "Breadth and officers"), ("findings", "Findings"), ("notes", "Staff notes"), ("policy", "Rules in force"), ("definitions", "Definitions"), ("methods", "Methods"), ("provenance", "Provenance") }
            .Where(i => (full || i.Item1 is "summary" or "notes" or "provenance") && (i.Item1 != "notes" || report.Notes is not null)))
        {
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(ReportHtml.E(label)).Append("</a></li>\n");
        }

        html.Append("</ul></nav>\n");
        ReportHtml.Section(html, "summary", "In brief", () =>
        {
            ReportHtml.Table(html, "What the input covers", SearchReportTables.Coverage(report));
            html.Append("<p>An audit: the searches had already run. Each was checked against the policy as if it had been in force.</p>\n<ul class=\"brief\">\n");
            foreach (var sentence in report.Highlights)
            {
                html.Append("<li>").Append(ReportHtml.E(sentence)).Append("</li>\n");
            }

            html.Append("</ul>\n");
            ReportHtml.Table(html, "At a glance", SearchReportTables.Summary(report));
        });
        if (full)
        {
            ReportHtml.Section(html, "weekly", "Searches each week", () =>
            {
                ReportHtml.Figure(html, SearchReportTables.WeeklyChart(report), 760, 320, "Searches each week by what the audit says of them; the table below gives every number.");
                ReportHtml.Table(html, "Searches each week by audit outcome (* partial weeks are marked)", SearchReportTables.Weekly(report));
            });
            ReportHtml.Section(html, "rules", "What the rules found", () =>
            {
                ReportHtml.Figure(html, SearchCharts.Rules(report), 760, Math.Max(200, 60 + (34 * report.Rules.Count)), "Searches that broke each rule, and those it could not judge because the export does not publish what it needs; the table below gives every number.");
                ReportHtml.Table(html, "Each rule: searches that broke it, could not be judged (not published), passed", SearchReportTables.Rules(report));
            });
            ReportHtml.Section(html, "reasons", "What the reasons show", () =>
            {
                ReportHtml.Table(html, "Reason quality", SearchReportTables.Reasons(report));
                if (report.CommonReasons.Count > 0)
                {
                    ReportHtml.Table(html, "The reasons given most often (as compared: case and punctuation set aside)", SearchReportTables.CommonReasons(report));
                }
            });
            ReportHtml.Section(html, "breadth", "How wide the searches were, and searches per officer", () =>
            {
                if (report.Breadth is { } breadth)
                {
                    ReportHtml.Figure(html, ReportCharts.Distribution(breadth, "Searches"), 760, 300, "Searches by how many cameras they ran over, with the policy's limit; the table below gives every number.");
                    ReportHtml.Table(html, "Searches by cameras searched", SearchReportTables.Distribution(breadth, "Searches"));
                }

                if (report.Officers is { } officers)
                {
                    ReportHtml.Figure(html, ReportCharts.Distribution(officers, "Officers"), 760, 280, "Officers by how many searches each ran; officers are counted, never named. The table below gives every number.");
                    ReportHtml.Table(html, "Officers by searches run in the period", SearchReportTables.Distribution(officers, "Officers"));
                }
            });
            ReportHtml.Section(html, "findings", "Patterns found across searches", () =>
            {
                if (report.Findings.Count == 0)
                {
                    html.Append("<p>The automatic audit found no pattern across searches in this period.</p>\n");
                }
                else
                {
                    ReportHtml.Table(html, "Findings", SearchReportTables.Findings(report.Findings));
                }
            });
        }

        if (report.Notes is { } notes)
        {
            ReportHtml.Section(html, "notes", "Staff notes", () =>
            {
                foreach (var topic in ReportNotes.Topics.Where(t => notes[t.Key] is not null))
                {
                    html.Append("<h3>").Append(ReportHtml.E(topic.Title)).Append("</h3>\n").Append(ReportHtml.Paragraphs(notes[topic.Key]!));
                }
            });
        }

        if (full)
        {
            ReportHtml.Section(html, "policy", "The rules in force", () => ReportHtml.Table(html, "Every rule of the policy in plain words", SearchReportTables.Rulebook(report)));
            ReportHtml.Section(html, "definitions", "Definitions", () => ReportHtml.Table(html, "Terms used in this report", SearchReportTables.Definitions(report)));
            ReportHtml.Section(html, "methods", "How this report is made", () =>
            {
                foreach (var section in report.Methods)
                {
                    html.Append("<h3>").Append(ReportHtml.E(section.Heading)).Append("</h3>\n");
                    foreach (var paragraph in section.Paragraphs.Where(p => p.Length > 0))
                    {
                        html.Append("<p>").Append(ReportHtml.E(paragraph)).Append("</p>\n");
                    }
                }
            });
        }

        ReportHtml.Section(html, "provenance", "Provenance", () => ReportHtml.Table(html, "Where this report came from", SearchReportTables.Provenance(report)));
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}
