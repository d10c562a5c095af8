using System.Globalization;
using SkiaSharp;

namespace Oversight.Reports.Pdf;

/// <summary>
/// The report as a PDF for a council packet: cover and summary, then charts and tables in plain
/// language, findings, policy versions and the methods. Letter pages, embedded DejaVu Sans, vector charts.
/// </summary>
public static partial class ReportPdf
{
    /// <summary>At most this many findings are listed in the PDF; the workbook lists all.</summary>
    public const int FindingsListed = 40;

    public static void Write(TransparencyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var layout = new PageLayout();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.Cover.TimeZone);
        Cover(layout, report, zone);
        Weekly(layout, report);
        Denials(layout, report);
        Distributions(layout, report);
        Geography(layout, report);
        Breakdowns(layout, report);
        Findings(layout, report, zone);
        Policies(layout, report, zone);
        Methods(layout, report);
        var c = report.Cover;
        layout.Write(
            output,
            $"{c.Jurisdiction} · Camera footage requests · {c.Period}{(c.Internal ? " · INTERNAL" : string.Empty)}",
            new SKDocumentPdfMetadata
            {
                Title = $"{c.Jurisdiction}: camera footage requests, {c.Period}",
                Subject = "Transparency report",
                Creator = "Oversight",
                Producer = "Oversight",
                Creation = c.GeneratedAt.UtcDateTime,
                Modified = c.GeneratedAt.UtcDateTime,
            });
    }

    private static void Cover(PageLayout layout, TransparencyReport report, TimeZoneInfo zone)
    {
        var c = report.Cover;
        var s = report.Summary;
        layout.Space(36);
        layout.Paragraph("TRANSPARENCY REPORT", 10, bold: true, PageLayout.Muted);
        layout.Paragraph("Police requests for residents' camera footage", 22, bold: true, PageLayout.Accent);
        layout.Paragraph(c.Jurisdiction, 14, bold: true);
        layout.Paragraph($"{c.Period}: {Day(c.PeriodStart, zone)} to {Day(c.PeriodEnd.AddTicks(-1), zone)}", 12);
        if (c.Internal)
        {
            layout.Paragraph("INTERNAL — for auditors; counts are not suppressed. Not for publication.", 11, bold: true, SKColor.Parse("#B3392F"));
        }

        layout.Space(10);
        layout.Table(
            [new("About this report", 1.2f), new(string.Empty, 3f)],
            [
                ["Policy", c.PolicyId],
                ["Policy versions in force", string.Join("; ", report.Policies.Select(p => $"{p.Version} ({p.Sha256[..12]}…)").DefaultIfEmpty("none (no requests)"))],
                ["Generated", $"{Time(c.GeneratedAt, zone)} ({c.TimeZone})"],
                ["SHA-256 of the input", c.InputSha256],
                ["Small counts", c.SuppressBelow > 1 ? $"counts from 1 to {c.SuppressBelow - 1} in breakdowns are shown as <{c.SuppressBelow}" : "not suppressed"],
            ]);
        layout.Heading("At a glance", keepWith: 200);
        layout.Paragraph(
            $"In {c.Period}, agencies submitted {s.Submitted:N0} requests for camera footage. {s.Allowed:N0} were allowed, {s.Review:N0} needed a person's review " +
            $"and {s.Denied:N0} were denied ({Percent(s.ShareDenied)}). " +
            (s.SubmittedChange is { } change
                ? $"That is {Percent(Math.Abs(change))} {(change >= 0 ? "more" : "fewer")} requests than in {s.PreviousPeriod} ({s.PreviousSubmitted:N0})."
                : $"No requests were recorded in {s.PreviousPeriod} to compare with."));
        layout.Table(
            [new("Measure", 2.4f), new($"{c.Period}", 1, Right: true), new($"{s.PreviousPeriod} (previous)", 1, Right: true)],
            [
                ["Requests submitted", N(s.Submitted), N(s.PreviousSubmitted)],
                ["Allowed", N(s.Allowed), string.Empty],
                ["Needed review", N(s.Review), string.Empty],
                ["Denied", N(s.Denied), N(s.PreviousDenied)],
                ["Share denied", Percent(s.ShareDenied), s.PreviousSubmitted == 0 ? "–" : Percent(s.PreviousDenied / (double)s.PreviousSubmitted)],
                ["Agencies that made requests", N(s.Agencies), string.Empty],
                ["Median area asked for", s.MedianAreaSqMiles is { } a ? $"{a:0.000} sq mi" : "–", string.Empty],
                ["Median time window asked for", s.MedianWindowHours is { } w ? $"{w:0.0} hours" : "–", string.Empty],
                ["Share with a case number", Percent(s.ShareWithCaseNumber), string.Empty],
                ["Findings (high / medium / low)", $"{s.FindingsHigh} / {s.FindingsMedium} / {s.FindingsLow}", string.Empty],
            ]);
    }

    internal static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    internal static string Day(DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    internal static string Time(DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
