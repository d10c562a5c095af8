using System.Diagnostics;
using System.Security.Cryptography;
using Oversight.Detection;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Reports.Pdf;
using Oversight.Reports.Xlsx;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight report</c>: the transparency report for a period, as PDF and/or Excel.</summary>
internal sealed class ReportVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "report",
        "Make the transparency report for a period: replay the history, run the detectors, write PDF and/or Excel.",
        "report --policy P --input F --period 2026Q3|2026-08|2026 [--pdf X] [--xlsx Y] [--geography G.geojson] [--internal] [--strict] [--columns MAP] [--quiet]",
        [
            new("policy", "P", "Policy YAML file.", Required: true),
            new("input", "F", "The history: .jsonl, .json or .csv (a file; its SHA-256 goes on the cover).", Required: true),
            new("period", "PERIOD", "2026Q3 (a quarter), 2026-08 (a month) or 2026 (a year), in the policy's time zone.", Required: true),
            new("pdf", "X", "Write the PDF report here."),
            new("xlsx", "Y", "Write the Excel workbook here."),
            new("geography", "G", "GeoJSON FeatureCollection of census tracts for the breakdown by place and the map."),
            new("internal", null, "For auditors: no small-count suppression, and row-level sheets (Requests, FindingRequests) in the workbook."),
            new("strict", null, "Stop at the first invalid record instead of reporting and skipping it."),
            InputOptions.ColumnsOption,
            new("quiet", null, "No progress or summary on standard error."),
        ],
        "The whole history is replayed so that quotas are right; only requests submitted in the period are\n" +
        "reported, and the period before it is used for the change figures. Without --pdf or --xlsx the\n" +
        "summary is printed as text. See docs/REPORTS.md. Exit status: 0 done; 2 invalid policy, input,\n" +
        "period or geography.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!FileChecks.Usable(args, console, "report", ["policy", "input", "geography"], ["pdf", "xlsx"]))
        {
            return ExitCodes.Invalid;
        }

        var policy = PolicyFiles.Load(args["policy"]!, console, "report");
        if (policy is null)
        {
            return ExitCodes.Invalid;
        }

        if (!ReportingPeriod.TryParse(args["period"]!, policy.TimeZone, out var period, out var periodError))
        {
            await console.Error.WriteLineAsync($"oversight report: --period: {periodError}");
            return ExitCodes.Invalid;
        }

        if (InputOptions.From(args, console, "report") is not { } options)
        {
            return ExitCodes.Invalid;
        }

        ReportGeography? geography = null;
        if (args["geography"] is { } geographyPath)
        {

            geography = GeographyFile.Load(geographyPath, out var problems);
            if (geography is null)
            {
                foreach (var problem in problems)
                {
                    await console.Error.WriteLineAsync($"oversight report: --geography: {problem}");
                }

                return ExitCodes.Invalid;
            }
        }

        var input = args["input"]!;
        if (input == "-")
        {
            await console.Error.WriteLineAsync("oversight report: --input: the report needs a file (its SHA-256 goes on the cover), not standard input");
            return ExitCodes.Invalid;
        }

        var quiet = options.Quiet;
        var clock = Stopwatch.StartNew();
        if (await InputFiles.ReadForVerbAsync(input, options, console, "report") is not { } read)
        {
            return ExitCodes.Invalid;
        }

        string sha256;
        await using (var bytes = File.OpenRead(input))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(bytes));
        }

        var ordered = Replay.InOrder(read.Requests);
        var progress = new Progress(console, "report: replay", ordered.Count, quiet);
        var rows = new List<ReportRequest>(ordered.Count);
        var counted = new List<Requests.FootageRequest>(ordered.Count);
        foreach (var decision in Replay.Run(policy, ordered, new RequestHistory()))
        {
            rows.Add(ReportRequest.From(decision));
            if (decision.Counts)
            {
                counted.Add(decision.Request);
            }

            progress.Tick();
        }

        var findings = Detectors.Run(policy, counted, quiet || counted.Count < 10_000 ? null : new Steps(name => console.Error.WriteLine($"report: detector {name}")));
        var report = ReportBuilder.Build(new ReportInput(
            policy, rows, [.. findings.Select(ReportFinding.From)], period, sha256, DateTimeOffset.UtcNow, args.Has("internal"), geography));
        return await WriteAsync(args, console, report, clock, quiet, read.Invalid);
    }

    private static async Task<int> WriteAsync(Arguments args, Console2 console, TransparencyReport report, Stopwatch clock, bool quiet, int invalid)
    {
        var written = new List<string>();
        if (args["pdf"] is { } pdf)
        {
            await using var file = FileChecks.Create(pdf);
            ReportPdf.Write(report, file);
            written.Add(pdf);
        }

        if (args["xlsx"] is { } xlsx)
        {
            await using var file = FileChecks.Create(xlsx);
            ReportWorkbook.Write(report, file);
            written.Add(xlsx);
        }

        if (written.Count == 0)
        {
            await console.Out.WriteLineAsync(ReportText.Summary(report));
        }

        if (!quiet)
        {
            var s = report.Summary;
            await console.Error.WriteLineAsync(
                $"report: {report.Cover.Period}: {English.Count(s.Submitted, "request")} (allow {s.Allowed:N0}, review {s.Review:N0}, deny {s.Denied:N0}), " +
                $"{English.Count(s.Findings, "finding")} in {clock.Elapsed.TotalSeconds:0.0} s" +
                (written.Count > 0 ? $"; wrote {string.Join(", ", written)}" : string.Empty) +
                (invalid > 0 ? $"; {English.Count(invalid, "invalid record")} skipped" : string.Empty));
        }

        return ExitCodes.Ok;
    }
}
