using System.Net;
using System.Text;
using Oversight.Reports.Pdf;

namespace Oversight.Reports.Html;

/// <summary>
/// The report as one self-contained, accessible web page: the same model and the same tables as
/// the PDF, with a language and a title, headings in order, real table markup (caption, column
/// and row headers), charts as inline SVG with a text alternative, and no script or external file.
/// </summary>
public static class ReportHtml
{
    public static void Write(TransparencyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = Encoding.UTF8.GetBytes(Render(report));
        output.Write(bytes);
    }

    public static string Render(TransparencyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Cover;
        var zone = ReportTables.Zone(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(ReportPdf.Title(report))).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header>\n<p class=\"kicker\">Transparency report</p>\n<h1>Police requests for residents' camera footage</h1>\n")
            .Append("<p class=\"sub\">").Append(E($"{c.Jurisdiction} · {c.Period}: {ReportTables.Day(c.PeriodStart, zone)} to {ReportTables.Day(c.PeriodEnd.AddTicks(-1), zone)}")).Append("</p>\n");
        if (c.Internal)
        {
            html.Append("<p class=\"internal\"><strong>INTERNAL</strong> — for auditors; counts are not suppressed. Not for publication.</p>\n");
        }

        html.Append("</header>\n<main>\n");
        Nav(html, report);
        Section(html, "summary", "In brief", () =>
        {
            Table(html, "What the input covers", ReportTables.Coverage(report));
            html.Append("<ul class=\"brief\">\n");
            foreach (var sentence in report.Highlights)
            {
                html.Append("<li>").Append(E(sentence)).Append("</li>\n");
            }

            html.Append("</ul>\n");
            Table(html, "At a glance", ReportTables.Summary(report));
            if (report.Trend.Count > 1)
            {
                Figure(html, ReportCharts.Trend(report), 640, 200, "Requests in this period and the ones before it; the table below gives the numbers.");
                Table(html, "The last periods", ReportTables.Trend(report));
            }
        });

        if (c.Mode == ReportMode.Full)
        {
            Section(html, "weekly", "Requests each week", () =>
            {
                Figure(html, ReportCharts.Weekly(report), 760, 320, "Requests each week by decision; a hatched part is withheld to protect small counts. The table below gives every number.");
                Table(html, "Requests each week by decision (* partial weeks are marked)", ReportTables.Weekly(report));
            });
            Section(html, "denials", "Why requests were denied", () =>
            {
                if (report.Denials.Count == 0)
                {
                    html.Append("<p>No request was denied in this period.</p>\n");
                    return;
                }

                Figure(html, ReportCharts.Denials(report, Math.Min(10, report.Denials.Count)), 760, Math.Max(160, 60 + (36 * Math.Min(10, report.Denials.Count))), "Denied requests by the rule they broke; the table below gives every number.");
                Table(html, "Denied requests by the rule they broke (a request can break several)", ReportTables.Denials(report));
            });
            Section(html, "areas", "How large an area and how much time was asked for", () =>
            {
                foreach (var distribution in new[] { report.Areas!, report.Windows! })
                {
                    Figure(html, ReportCharts.Distribution(distribution), 760, 300, $"Requests by {distribution.Measure.ToLowerInvariant()}, with the policy's limit and floor; the table below gives every number.");
                    Table(html, $"Requests by {distribution.Measure.ToLowerInvariant()} ({distribution.Unit})", ReportTables.Distribution(distribution));
                }
            });
            if (report.Geography is { } geography)
            {
                Section(html, "places", "Where footage was requested", () =>
                {
                    html.Append("<figure>\n").Append(Map(geography, report.Cover.SuppressBelow)).Append("<figcaption>Census tracts shaded by the requests centred in them; the table below gives every count.</figcaption>\n</figure>\n");
                    Table(html, "Requests by census tract", ReportTables.Geography(geography));
                });
            }

            Section(html, "breakdowns", "Requests by agency, legal basis and incident type", () =>
            {
                if (report.AgenciesWithheld)
                {
                    html.Append("<h3>Requests by agency</h3>\n<p>").Append(E(ReportTables.AgenciesWithheld)).Append("</p>\n");
                }
                else
                {
                    Table(html, "Requests by agency", ReportTables.Decisions("Agency", report.ByAgency, medians: true));
                }

                Table(html, "Requests by legal basis", ReportTables.Decisions("Legal basis", report.ByLegalBasis, medians: false));
                Table(html, "Requests by incident type", ReportTables.Decisions("Incident type", report.ByIncidentType, medians: false));
            });
            Section(html, "findings", "Patterns found across requests", () =>
            {
                if (report.Findings.Count == 0)
                {
                    html.Append("<p>The automatic audit found no pattern across requests in this period.</p>\n");
                }
                else
                {
                    Table(html, "Findings with their latest disposition", ReportTables.Findings(report.Findings));
                }
            });
        }

        if (c.Mode == ReportMode.Full || report.Notes is not null)
        {
            Section(html, "ordinance", "What the oversight ordinances ask for", () => Table(html, "Each item and where this report answers it", ReportTables.Ordinance(report)));
        }

        Section(html, "notes", "Staff notes", () =>
        {
            if (report.Notes?.PreparedBy is { } by)
            {
                html.Append("<p>Prepared by ").Append(E(by)).Append(".</p>\n");
            }

            foreach (var topic in ReportNotes.Topics)
            {
                html.Append("<h3>").Append(E(topic.Title)).Append("</h3>\n");
                var note = report.Notes?[topic.Key];
                html.Append(note is null ? "<p class=\"muted\">Not provided.</p>\n" : Paragraphs(note));
            }
        });
        if (c.Mode == ReportMode.Full)
        {
            Section(html, "rules", "The rules in force", () =>
            {
                Table(html, "Every rule of the policy in plain words", ReportTables.Rules(report));
                if (report.Exemptions.Count > 0)
                {
                    Table(html, "Exemptions", ReportTables.Exemptions(report));
                }
            });
            Section(html, "policies", "Policy versions in force", () =>
            {
                Table(html, "Policy versions that decided requests in the period", ReportTables.Policies(report));
                if (report.PolicyChanges.Count > 0)
                {
                    Table(html, "What changed between versions", ReportTables.Changes(report));
                }
            });
            Section(html, "definitions", "Definitions", () => Table(html, "Terms used in this report", ReportTables.Definitions(report)));
            Section(html, "methods", "How this report is made", () =>
            {
                foreach (var section in report.Methods)
                {
                    html.Append("<h3>").Append(E(section.Heading)).Append("</h3>\n");
                    foreach (var paragraph in section.Paragraphs.Where(p => p.Length > 0))
                    {
                        html.Append("<p>").Append(E(paragraph)).Append("</p>\n");
                    }
                }
            });
        }

        Section(html, "provenance", "Provenance", () => Table(html, "Where this report came from", ReportTables.Provenance(report)));
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Nav(StringBuilder html, TransparencyReport report)
    {
        var items = new List<(string, string)> { ("summary", "In brief") };
        if (report.Cover.Mode == ReportMode.Full)
        {
            items.AddRange([("weekly", "Weeks"), ("denials", "Denials"), ("areas", "Areas and time")]);
            if (report.Geography is not null)
            {
                items.Add(("places", "Places"));
            }

            items.AddRange([("breakdowns", "Agencies"), ("findings", "Findings")]);
        }

        if (report.Cover.Mode == ReportMode.Full || report.Notes is not null)
        {
            items.Add(("ordinance", "Ordinance items"));
        }

        items.Add(("notes", "Staff notes"));
        if (report.Cover.Mode == ReportMode.Full)
        {
            items.AddRange([("rules", "Rules"), ("policies", "Policy versions"), ("definitions", "Definitions"), ("methods", "Methods")]);
        }

        items.Add(("provenance", "Provenance"));
        html.Append("<nav aria-label=\"Sections\"><ul>\n");
        foreach (var (id, label) in items)
        {
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(E(label)).Append("</a></li>\n");
        }

        html.Append("</ul></nav>\n");
    }

    internal static void Section(StringBuilder html, string id, string title, Action body)
    {
        html.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<h2 id=\"").Append(id).Append("-h\">").Append(E(title)).Append("</h2>\n");
        body();
        html.Append("</section>\n");
    }

    internal static void Table(StringBuilder html, string caption, TextTable table)
    {
        html.Append("<table>\n<caption>").Append(E(caption)).Append("</caption>\n<thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\"").Append(column.Right ? " class=\"n\"" : string.Empty).Append('>').Append(E(column.Header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var cell = i < row.Length ? row[i] : string.Empty;
                var tag = i == 0 ? "th scope=\"row\"" : "td";
                html.Append('<').Append(tag).Append(table.Columns[i].Right ? " class=\"n\"" : string.Empty).Append('>')
                    .Append(E(cell).Replace("\n", "<br>", StringComparison.Ordinal))
                    .Append("</").Append(i == 0 ? "th" : "td").Append('>');
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    internal static void Figure(StringBuilder html, ScottPlot.Plot plot, int width, int height, string description)
    {
        var svg = Charts.Svg(plot, width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = svg[start..].Insert(4, $" role=\"img\" aria-label=\"{E(description)}\"");
        html.Append("<figure>\n").Append(svg).Append("\n<figcaption>").Append(E(description)).Append("</figcaption>\n</figure>\n");
    }

    private static string Map(GeographyBreakdown geography, int suppressBelow)
    {
        using var stream = new MemoryStream();
        using (var canvas = SkiaSharp.SKSvgCanvas.Create(new SkiaSharp.SKRect(0, 0, 760, 520), stream))
        {
            TractMap.Draw(canvas, new SkiaSharp.SKRect(10, 10, 750, 510), geography, suppressBelow);
        }

        var svg = Encoding.UTF8.GetString(stream.ToArray());
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        return svg.Insert(4, " role=\"img\" aria-label=\"Map of census tracts shaded by requests centred in them\"");
    }

    internal static string Paragraphs(string text) =>
        string.Concat(text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(p => "<p>" + E(p.Trim()).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>\n"));

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal const string Style =
        "body{font-family:'DejaVu Sans',Verdana,sans-serif;color:#1F2937;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;line-height:1.45}" +
        "h1{color:#1F3A5F;font-size:1.7rem;margin:.2rem 0}h2{color:#1F3A5F;border-bottom:1px solid #C9D2DC;padding-bottom:.2rem;margin-top:2.2rem}h3{color:#1F3A5F;font-size:1.05rem}" +
        ".kicker{text-transform:uppercase;font-weight:bold;color:#5B6472;font-size:.8rem;margin:0}.sub{font-weight:bold}.internal{color:#B3392F}.muted{color:#5B6472}" +
        "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.9rem}" +
        "table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.85rem}caption{text-align:left;font-weight:bold;padding:.3rem 0;color:#1F3A5F}" +
        "th,td{border-bottom:1px solid #C9D2DC;padding:.3rem .45rem;text-align:left;vertical-align:top}thead th{background:#E8EEF4}tbody th{font-weight:normal}" +
        ".n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.85rem;color:#5B6472}" +
        ".brief li{margin:.35rem 0}";
}
