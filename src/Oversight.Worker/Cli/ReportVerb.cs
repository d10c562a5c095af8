using System.Diagnostics;
using System.Security.Cryptography;
using Oversight.Detection;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Reports.Html;
using Oversight.Reports.Pdf;
using Oversight.Reports.Xlsx;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight report</c>: the transparency report for a period, as PDF and/or Excel.</summary>
internal sealed class ReportVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "report",
        "Make the transparency report for a period: replay the history, run the detectors, write PDF and/or Excel.",
        "report --policy P (--input F | --export LOG.jsonl --checkpoint C [--key VKEY]) --period 2026Q3|2026-08|2026 [--pdf X] [--xlsx Y] [--html Z] [--geography G.geojson] [--notes N.yaml] [--dispositions D.jsonl] [--internal] [--strict] [--columns MAP] [--quiet]",
        [
            new("policy", "P", "Policy YAML file.", Required: true),
            new("input", "F", "The history: .jsonl, .json or .csv (a file; its SHA-256 goes on the cover)."),
            new("export", "LOG", "Instead of --input: a decision-log export ('oversight log export'); the report is made from the decisions as recorded in entries 0…N−1 of --checkpoint, as the service made its own."),
            new("checkpoint", "C", "With --export: the signed checkpoint a published report states; the export must match it."),
            new("key", "VKEY", "With --export: the log's verifier key (or a file holding it); the checkpoint must be signed by it."),
            new("period", "PERIOD", "2026Q3 (a quarter), 2026-08 (a month) or 2026 (a year), in the policy's time zone.", Required: true),
            new("pdf", "X", "Write the PDF report here."),
            new("xlsx", "Y", "Write the Excel workbook here."),
            new("html", "Z", "Write the report as one accessible web page here."),
            new("geography", "G", "GeoJSON FeatureCollection of census tracts for the breakdown by place and the map (a population property per tract adds rates per 1,000 residents)."),
            new("notes", "N", "Staff notes for the period (YAML: sharing, complaints, auditsAndViolations, breaches, costs, effectiveness, retention, …; see docs/REPORTS.md)."),
            new("dispositions", "D", "Finding dispositions (JSON Lines, as written by 'oversight findings dispose'); each finding's latest is shown."),
            new("internal", null, "For auditors: no small-count suppression, and row-level sheets (Requests, FindingRequests) in the workbook."),
            new("strict", null, "Stop at the first invalid record instead of reporting and skipping it."),
            InputOptions.ColumnsOption,
            new("quiet", null, "No progress or summary on standard error."),
            SearchVerbs.AuditOption,
            SearchInputs.AgencyOption,
            PlateKeys.Option,
        ],
        "The whole history is replayed so that quotas are right; only requests submitted in the period are\n" +
        "reported, and the period before it is used for the change figures. Without --pdf or --xlsx the\n" +
        "summary is printed as text. See docs/REPORTS.md. Exit status: 0 done; 2 invalid policy, input,\n" +
        "period, geography, notes or dispositions (every problem is named with file:line:column).\nWith a policy of subject alpr-searches and a Flock export or search JSONL, the search version of the report\n(searches per week, what the rules found, reasons, breadth, searches per officer, findings; docs/ALPR.md).");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!FileChecks.Usable(args, console, "report", ["policy", "input", "export", "checkpoint", "geography", "notes", "dispositions"], ["pdf", "xlsx", "html"]))
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

        ReportNotes? notes = null;
        if (args["notes"] is { } notesPath)
        {
            notes = ReportNotes.Load(notesPath, out var problems);
            if (notes?.Period is { } named && !string.Equals(named, period.Name, StringComparison.OrdinalIgnoreCase))
            {
                problems = [new PolicyProblem(notesPath, 1, 1, $"these notes are for {named}, not for --period {period.Name}")];
                notes = null;
            }

            if (notes is null)
            {
                foreach (var problem in problems)
                {
                    await console.Error.WriteLineAsync($"oversight report: --notes: {problem}");
                }

                return ExitCodes.Invalid;
            }
        }

        if (args["export"] is { } export)
        {
            return await FromExportAsync(args, console, policy, period, geography, notes, export);
        }

        if (args["input"] is { } searchInput && File.Exists(searchInput))
        {
            switch (await SearchVerbs.OnSearchesAsync(args, policy, searchInput, console, "report"))
            {
                case true: return await SearchVerbs.ReportAsync(args, console, policy, period, notes);
                case false: return ExitCodes.Invalid;
            }
        }

        if (args["input"] is not { } input)
        {
            await console.Error.WriteLineAsync("oversight report: give --input F (a history to gate), or --export LOG.jsonl with --checkpoint C (a decision log as recorded)");
            return ExitCodes.Invalid;
        }

        if (input == "-")
        {
            await console.Error.WriteLineAsync("oversight report: --input: the report needs a file (its SHA-256 goes on the cover), not standard input");
            return ExitCodes.Invalid;
        }

        var quiet = options.Quiet;
        var clock = Stopwatch.StartNew();
        if (await InputFiles.ReadForVerbAsync(input, options with { Limits = policy.Limits }, console, "report") is not { } read)
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
        IReadOnlyList<FindingDisposition> dispositions = [];
        if (args["dispositions"] is { } dispositionsPath)
        {
            var known = findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            if (DispositionFile.Read(dispositionsPath, known, out var problems) is not { } read2)
            {
                foreach (var problem in problems)
                {
                    await console.Error.WriteLineAsync($"oversight report: --dispositions: {problem}");
                }

                return ExitCodes.Invalid;
            }

            dispositions = read2;
        }

        var source = new ReportSource(
            $"the file {Path.GetFileName(input)}",
            ordered.Count == 0 ? null : ordered.Min(r => r.SubmittedAt),
            ordered.Count == 0 ? null : ordered.Max(r => r.SubmittedAt),
            ordered.Count + read.Invalid,
            [.. read.Rejected.Select(r => new RejectedRecord(r.Line, r.Reason))],
            Inferred: true);
        var report = ReportBuilder.Build(new ReportInput(
            policy, rows, [.. findings.Select(ReportFinding.From)], period, sha256, DateTimeOffset.UtcNow, args.Has("internal"), geography)
        {
            Source = source,
            Notes = notes,
            Dispositions = dispositions,
        });
        return await WriteAsync(args, console, report, clock, quiet, read.Invalid);
    }

    /// <summary>
    /// The report from a decision-log export bound to a checkpoint: entries 0…N−1 are checked
    /// against the checkpoint, and the decisions as recorded (never gated again) are reported,
    /// so that anyone holding the export can recompute a report the service published.
    /// </summary>
    private static async Task<int> FromExportAsync(Arguments args, Console2 console, Policy policy, ReportingPeriod period, ReportGeography? geography, ReportNotes? notes, string export)
    {
        var clock = Stopwatch.StartNew();
        if (args["checkpoint"] is not { } checkpointPath)
        {
            await console.Error.WriteLineAsync("oversight report: --export needs --checkpoint C: the checkpoint the report is bound to");
            return ExitCodes.Invalid;
        }

        Log.NoteKey? key = null;
        if (args["key"] is { } keyText && (key = await LogFiles.VerifierAsync(keyText, console, "report")) is null)
        {
            return ExitCodes.Invalid;
        }

        if (await LogFiles.CheckpointAsync(checkpointPath, console, "report") is not { } note)
        {
            return ExitCodes.Invalid;
        }

        _ = Log.Checkpoint.TryParse(note.Text, out var checkpoint, out _);
        var verifier = new Log.LogVerifier();
        var entries = new List<Log.LogEntryFields>();
        try
        {
            using var reader = new StreamReader(export);
            foreach (var line in Log.LogExport.Read(reader).Where(l => l.Kind == "entry"))
            {
                if (line.Index >= checkpoint!.Size)
                {
                    break;
                }

                verifier.Add(line.Index, line.Entry, line.LeafHash, $"entry {line.Index}");
                if (Log.LogEntry.TryRead(line.Entry, out var fields, out var error))
                {
                    entries.Add(fields!);
                }
                else
                {
                    verifier.Problem(line.Index, error);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            await console.Error.WriteLineAsync($"oversight report: --export {export}: {e.Message}");
            return ExitCodes.Invalid;
        }

        verifier.Check(note, key, checkpoint!.Origin, $"the checkpoint in {checkpointPath}");
        if (!verifier.Intact)
        {
            await console.Error.WriteLineAsync($"oversight report: the export does not match the checkpoint it is to be bound to: {verifier.Problems[0]}");
            return ExitCodes.Failures;
        }

        var from = period.Previous(policy.TimeZone).Start.UtcTicks;
        var to = period.End.UtcTicks;
        var mine = entries.Where(e => e.PolicyId == policy.Id).ToList();
        var rows = mine.Where(e => e.SubmittedAtTicks >= from && e.SubmittedAtTicks < to).Select(ReportRequest.FromEntry).OfType<ReportRequest>().ToList();
        var counted = mine.Where(e => e.Outcome != "deny")
            .Select(e => Requests.RequestJson.Parse(e.RequestJson, Requests.RequestLimits.Stored).Value).OfType<Requests.FootageRequest>().ToList();
        var findings = ReportFinding.OfRecordedLog(policy, counted, period).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var earliest = period;
        for (var i = 0; i < 4; i++)
        {
            earliest = earliest.Previous(policy.TimeZone);
        }

        var timeline = mine.Where(e => e.SubmittedAtTicks >= earliest.Start.UtcTicks && e.SubmittedAtTicks < to)
            .Select(e => (new DateTimeOffset(e.SubmittedAtTicks, TimeSpan.Zero), OutcomeNames.TryParse(e.Outcome, out var o) ? o : DecisionOutcome.Allow)).ToList();
        var bound = new LogCheckpoint(checkpoint.Origin, checkpoint.Size, Convert.ToBase64String(checkpoint.Root), note.ToString());
        var report = ReportBuilder.Build(new ReportInput(policy, rows, [.. findings.Select(ReportFinding.From)], period, Convert.ToHexStringLower(checkpoint.Root), DateTimeOffset.UtcNow, args.Has("internal"), geography)
        {
            Source = new ReportSource("the decision log", entries.Count == 0 ? null : new DateTimeOffset(entries.Min(e => e.SubmittedAtTicks), TimeSpan.Zero), entries.Count == 0 ? null : new DateTimeOffset(entries.Max(e => e.RecordedAtTicks), TimeSpan.Zero), rows.Count, [], Inferred: true),
            Notes = notes,
            Timeline = timeline,
            Checkpoint = bound,
        });
        return await WriteAsync(args, console, report, clock, args.Has("quiet"), 0);
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

        if (args["html"] is { } html)
        {
            await using var file = File.Create(html);
            ReportHtml.Write(report, file);
            written.Add(html);
        }

        if (written.Count == 0)
        {
            await console.Out.WriteLineAsync(ReportText.Summary(report));
        }

        if (!quiet)
        {
            var s = report.Summary;
            await console.Error.WriteLineAsync(
                $"report: {report.Cover.Period}: {Count(s.Submitted, "request")} (allow {s.Allowed.Text}, review {s.Review.Text}, deny {s.Denied.Text}), " +
                $"{English.Count(s.Findings, "finding")} in {clock.Elapsed.TotalSeconds:0.0} s" +
                (written.Count > 0 ? $"; wrote {string.Join(", ", written)}" : string.Empty) +
                (invalid > 0 ? $"; {English.Count(invalid, "invalid record")} skipped" : string.Empty));
        }

        return ExitCodes.Ok;
    }

    private static string Count(ReportCount count, string noun) =>
        count.Value is { } n ? English.Count(n, noun) : $"{(count.State == Reports.Disclosure.CellState.Small ? $"fewer than {count.Threshold}" : "a withheld number of")} {noun}s";
}
