using Oversight.Reports;

namespace Oversight.Worker.Cli;

/// <summary>The report's page 1 as plain text, for <c>oversight report</c> without an output file.</summary>
internal static class ReportText
{
    public static string Summary(TransparencyReport report)
    {
        var c = report.Cover;
        var lines = new List<string> { $"{c.Jurisdiction} — camera footage requests, {c.Period}{(c.Internal ? " (internal)" : string.Empty)}", string.Empty };
        lines.AddRange(report.Highlights.Select(h => "  " + h));
        lines.Add(string.Empty);
        var table = ReportTables.Summary(report);
        var width = table.Rows.Max(r => r[0].Length);
        lines.Add($"  {table.Columns[0].Header.PadRight(width)}  {table.Columns[1].Header,14}  {table.Columns[2].Header,20}");
        lines.AddRange(table.Rows.Select(r => $"  {r[0].PadRight(width)}  {r[1],14}  {r[2],20}"));
        lines.Add(string.Empty);
        lines.Add($"  input sha256  {report.Provenance.InputSha256}");
        lines.Add("Write the full report with --pdf FILE, --xlsx FILE and/or --html FILE.");
        return string.Join(Environment.NewLine, lines);
    }
}
