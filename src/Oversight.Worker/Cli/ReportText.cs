using System.Globalization;
using Oversight.Reports;

namespace Oversight.Worker.Cli;

/// <summary>The report's summary as plain text, for <c>oversight report</c> without --pdf or --xlsx.</summary>
internal static class ReportText
{
    public static string Summary(TransparencyReport report)
    {
        var c = report.Cover;
        var s = report.Summary;
        var lines = new List<string>
        {
            $"{c.Jurisdiction} — camera footage requests, {c.Period}{(c.Internal ? " (internal)" : string.Empty)}",
            $"  submitted          {s.Submitted,8:N0}   ({s.PreviousPeriod}: {s.PreviousSubmitted:N0}{(s.SubmittedChange is { } d ? $", {d.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)}" : string.Empty)})",
            $"  allowed            {s.Allowed,8:N0}",
            $"  needed review      {s.Review,8:N0}",
            $"  denied             {s.Denied,8:N0}   ({s.ShareDenied.ToString("0.0%", CultureInfo.InvariantCulture)})",
            $"  agencies           {s.Agencies,8:N0}",
            $"  median area        {(s.MedianAreaSqMiles is { } a ? a.ToString("0.000", CultureInfo.InvariantCulture) + " sq mi" : "–"),8}",
            $"  median window      {(s.MedianWindowHours is { } w ? w.ToString("0.0", CultureInfo.InvariantCulture) + " h" : "–"),8}",
            $"  with case number   {s.ShareWithCaseNumber.ToString("0.0%", CultureInfo.InvariantCulture),8}",
            $"  findings           {s.Findings,8:N0}   (high {s.FindingsHigh}, medium {s.FindingsMedium}, low {s.FindingsLow})",
            $"  input sha256       {c.InputSha256}",
            "Write the full report with --pdf FILE and/or --xlsx FILE.",
        };
        return string.Join(Environment.NewLine, lines);
    }
}
