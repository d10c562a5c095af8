using System.Diagnostics;
using System.Text.Json;
using Oversight.Detection;
using Oversight.Detection.Searches;
using Oversight.Gate;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Reports.Searches;
using Oversight.Searches;
using Oversight.Searches.Audit;
using Oversight.Searches.Flock;
using Oversight.Simulation;

namespace Oversight.Worker.Cli;

/// <summary>
/// replay, detect and simulate on ALPR searches: the same verbs, in audit mode (every search counts,
/// whatever its outcome), when the policy's subject is alpr-searches. The input is search JSONL or a
/// Flock export read as it is.
/// </summary>
internal static class SearchVerbs
{
    /// <summary>The option that asks for audit mode; searches are always audited.</summary>
    public static readonly OptionSpec AuditOption = new(
        "audit", null, "Audit mode: every record counts toward quotas and detectors whatever its outcome (the default, and the only mode, for ALPR searches).");

    /// <summary>
    /// Whether the verb runs on searches: null when the policy and the input both hold footage
    /// requests; true when both are about searches; false (after saying why) when they disagree.
    /// </summary>
    /// <remarks>
    /// On footage requests the search-only options (--audit, --agency, --plate-key) are refused, not
    /// ignored: footage requests are gated, and a denied request does not count.
    /// </remarks>
    public static async Task<bool?> OnSearchesAsync(Arguments args, Policy policy, string input, Console2 console, string verb)
    {
        ArgumentNullException.ThrowIfNull(args);
        var searches = SearchInputs.HoldsSearches(input);
        var searchPolicy = policy.Subject == PolicySubject.AlprSearches;
        if (searches && searchPolicy)
        {
            return true;
        }

        if (!searches && !searchPolicy)
        {
            var given = new[] { "audit", "agency", "plate-key" }.Where(o => args.Has(o) || args[o] is not null).Select(o => "--" + o).ToList();
            if (given.Count == 0)
            {
                return null;
            }

            await console.Error.WriteLineAsync(
                $"oversight {verb}: {string.Join(", ", given)} {(given.Count == 1 ? "applies" : "apply")} only to ALPR searches (a Flock export or search JSONL, with a policy of subject alpr-searches); " +
                $"{input} holds footage requests, which are gated: a denied request was never carried out and does not count");
            return false;
        }

        await console.Error.WriteLineAsync(searches
            ? $"oversight {verb}: {input} holds ALPR searches, but the policy {policy.Id} judges footage requests; use a policy with 'subject: alpr-searches' (for example policies/eugene-or-alpr.yaml)"
            : $"oversight {verb}: the policy {policy.Id} judges ALPR searches (subject: alpr-searches), but {input} does not hold searches (a Flock export or search JSONL from 'oversight import flock')");
        return false;
    }

    /// <summary>Reads the searches of <c>--input</c> with the verb's --agency, --plate-key and --strict; null when reading stopped.</summary>
    public static async Task<SearchRead?> ReadAsync(Arguments args, Console2 console, string verb)
    {
        if (await PlateKeys.ResolveAsync(args, console, verb) is not var (key, _))
        {
            return null;
        }

        return await SearchInputs.ReadAsync([args["input"]!], new FlockOptions(args["agency"], key), args.Has("strict"), console, verb);
    }

    public static async Task<int> ReplayAsync(Arguments args, Console2 console, Policy policy)
    {
        var clock = Stopwatch.StartNew();
        if (await ReadAsync(args, console, "replay") is not { } read)
        {
            return ExitCodes.Invalid;
        }

        var ordered = SearchAudit.InOrder(read.Searches);
        var counts = new int[3];
        var violated = new Dictionary<string, int>(StringComparer.Ordinal);
        var withheld = new Dictionary<string, int>(StringComparer.Ordinal);
        var byAgency = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var summary = args.Has("summary");
        var progress = new Progress(console, "replay", ordered.Count, args.Has("quiet"));
        await using (var target = args["out"] is { } path ? FileChecks.Create(path) : console.OpenOutput())
        {
            // Decisions are serialised on the other cores and written in order while the audit goes on.
            using (var lines = summary ? null : new DecisionStream<SearchDecision>(target, SearchDecisionJson.Write))
            {
                foreach (var decision in SearchAudit.Run(policy, ordered, new SearchHistory()))
                {
                    lines?.Add(decision);
                    counts[(int)decision.Outcome]++;
                    Tally(decision, violated, withheld);
                    if (!byAgency.TryGetValue(decision.Search.Agency, out var agency))
                    {
                        byAgency[decision.Search.Agency] = agency = new int[3];
                    }

                    agency[(int)decision.Outcome]++;
                    progress.Tick();
                }

                lines?.Complete();
            }

            if (summary)
            {
                await using var json = new Utf8JsonWriter(target, new JsonWriterOptions { Indented = true });
                WriteSummary(json, policy, counts, violated, withheld, byAgency, read.Invalid);
                await json.FlushAsync();
                target.WriteByte((byte)'\n');
            }
        }

        if (!args.Has("quiet"))
        {
            await console.Error.WriteLineAsync(
                $"replay: {English.Count(ordered.Count, "search", "searches")} audited in {clock.Elapsed.TotalSeconds:0.0} s — compliant {counts[0]:N0}, needs review {counts[1]:N0}, would have been denied {counts[2]:N0}" +
                Rules("rules broken", violated) + Rules("not published", withheld) + Skipped(read));
        }

        return ExitCodes.Ok;
    }

    public static async Task<int> DetectAsync(Arguments args, Console2 console, Policy policy)
    {
        var clock = Stopwatch.StartNew();
        if (await ReadAsync(args, console, "detect") is not { } read)
        {
            return ExitCodes.Invalid;
        }

        var quiet = args.Has("quiet");
        var findings = SearchDetectors.Run(policy, read.Searches, new Steps(step =>
        {
            if (!quiet && read.Searches.Count >= 10_000)
            {
                console.Error.WriteLine($"detect: {step} ({clock.Elapsed.TotalSeconds:0.0} s)");
            }
        }));
        await using (var target = args["out"] is { } path ? FileChecks.Create(path) : console.OpenOutput())
        {
            await using var writer = new Utf8JsonWriter(target, new JsonWriterOptions { Indented = true });
            FindingsJson.Write(writer, findings);
            target.WriteByte((byte)'\n');
        }

        if (!quiet)
        {
            var byKind = findings.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.Name()} {g.Count():N0}");
            await console.Error.WriteLineAsync(
                $"detect: {English.Count(findings.Count, "finding")} over {English.Count(read.Searches.Count, "search", "searches")} (every search counts: audit mode) in {clock.Elapsed.TotalSeconds:0.0} s" +
                (findings.Count > 0 ? $" — {string.Join(", ", byKind)}" : string.Empty) + Skipped(read));
        }

        return ExitCodes.Ok;
    }

    public static async Task<int> SimulateAsync(Arguments args, Console2 console, Policy baseline, Policy candidate, string? output)
    {
        var clock = Stopwatch.StartNew();
        if (await ReadAsync(args, console, "simulate") is not { } read)
        {
            return ExitCodes.Invalid;
        }

        var ordered = SearchAudit.InOrder(read.Searches);
        var quiet = args.Has("quiet");
        var result = SearchSimulator.Run(baseline, candidate, ordered, done =>
        {
            if (!quiet && ordered.Count >= 50_000)
            {
                console.Error.WriteLine($"simulate: {done:N0} of {ordered.Count:N0} ({100.0 * done / ordered.Count:0}%)");
            }
        });
        await SimulateVerb.WriteAsync(console, result, output);
        if (!quiet)
        {
            await console.Error.WriteLineAsync(
                $"simulate: {English.Count(ordered.Count, "search", "searches")} audited in {clock.Elapsed.TotalSeconds:0.0} s; " +
                $"baseline compliant {result.Baseline.Allow:N0} / needs review {result.Baseline.Review:N0} / would have been denied {result.Baseline.Deny:N0}; " +
                $"candidate compliant {result.Candidate.Allow:N0} / needs review {result.Candidate.Review:N0} / would have been denied {result.Candidate.Deny:N0}; " +
                $"{English.Count(result.Changed.Count, "decision")} change" + Skipped(read));
        }

        return ExitCodes.Ok;
    }

    public static async Task<int> ReportAsync(Arguments args, Console2 console, Policy policy, ReportingPeriod period, ReportNotes? notes)
    {
        foreach (var option in new[] { "geography", "dispositions" })
        {
            if (args[option] is not null)
            {
                await console.Error.WriteLineAsync($"oversight report: --{option} does not apply to ALPR searches ({(option == "geography" ? "a search has no area" : "finding dispositions are kept for footage reports")})");
                return ExitCodes.Invalid;
            }
        }

        var clock = Stopwatch.StartNew();
        var quiet = args.Has("quiet");
        var input = args["input"]!;
        if (await ReadAsync(args, console, "report") is not { } read)
        {
            return ExitCodes.Invalid;
        }

        string sha256;
        await using (var bytes = File.OpenRead(input))
        {
            sha256 = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(bytes));
        }

        var ordered = SearchAudit.InOrder(read.Searches);
        // The detectors read every search whatever its outcome (audit mode), so they need nothing of
        // the audit: they run on another core while this one audits.
        var detecting = Task.Run(() => SearchDetectors.Run(policy, ordered));
        // Only the period and the one before are reported. Every earlier search counts for them, and in
        // audit mode it counts whatever its outcome, so earlier searches are only counted, not judged;
        // later ones change nothing.
        var from = period.Previous(policy.TimeZone).Start;
        var history = new SearchHistory();
        var rows = new List<SearchReportRow>();
        foreach (var search in ordered)
        {
            if (search.SearchedAt >= period.End)
            {
                break;
            }

            if (search.SearchedAt >= from)
            {
                rows.Add(SearchReportRow.From(SearchAudit.Evaluate(policy, search, history)));
            }

            history.Add(search);
        }
        var findings = await detecting;
        var source = new ReportSource(
            $"the file {Path.GetFileName(input)}",
            ordered.Count == 0 ? null : ordered[0].SearchedAt,
            ordered.Count == 0 ? null : ordered[^1].SearchedAt,
            ordered.Count + read.Invalid,
            [.. read.Rejected.Select(r => new RejectedRecord(r.Line, r.Reason))],
            Inferred: true);
        var report = SearchReportBuilder.Build(new SearchReportInput(policy, rows, [.. findings.Select(ReportFinding.From)], period, sha256, DateTimeOffset.UtcNow, args.Has("internal"))
        {
            Source = source,
            Notes = notes,
        });
        var written = new List<string>();
        foreach (var (option, write) in new (string, Action<SearchReport, Stream>)[] { ("pdf", SearchReportPdf.Write), ("xlsx", SearchReportWorkbook.Write), ("html", SearchReportHtml.Write) })
        {
            if (args[option] is { } path)
            {
                await using var file = FileChecks.Create(path);
                write(report, file);
                written.Add(path);
            }
        }

        if (written.Count == 0)
        {
            await console.Out.WriteLineAsync(string.Join(Environment.NewLine, SearchReportTables.Summary(report).Rows.Select(r => $"{r[0]}: {r[1]}").Concat(report.Highlights.Select(h => "- " + h))));
        }

        if (!quiet)
        {
            var s = report.Summary;
            await console.Error.WriteLineAsync(
                $"report: {report.Cover.Period}: {s.Searches.Text} searches (broke no rule {s.Clean.Text}, only rules noted {s.Noted.Text}, needs review {s.NeedsReview.Text}, would have been denied {s.WouldHaveBeenDenied.Text}), " +
                $"{English.Count(s.Findings, "finding")} in {clock.Elapsed.TotalSeconds:0.0} s" +
                (written.Count > 0 ? $"; wrote {string.Join(", ", written)}" : string.Empty) + Skipped(read));
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// What <c>replay --summary</c> writes for searches: the audit's counts by outcome, each rule's
    /// violations and withheld fields, and the counts by agency (one JSON object).
    /// </summary>
    private static void WriteSummary(Utf8JsonWriter json, Policy policy, int[] counts, Dictionary<string, int> violated, Dictionary<string, int> withheld, SortedDictionary<string, int[]> byAgency, int invalid)
    {
        json.WriteStartObject();
        json.WriteStartObject("policy");
        json.WriteString("id", policy.Id);
        json.WriteString("version", policy.Version);
        json.WriteString("sha256", policy.Sha256);
        json.WriteEndObject();
        json.WriteNumber("searches", counts.Sum());
        json.WriteNumber("invalidRecords", invalid);
        Outcomes(json, "outcomes", counts);
        json.WriteStartObject("byRule");
        foreach (var rule in policy.Rules)
        {
            json.WriteStartObject(rule.Id);
            json.WriteString("kind", rule.Kind);
            json.WriteNumber("violated", violated.GetValueOrDefault(rule.Id));
            json.WriteNumber("notPublished", withheld.GetValueOrDefault(rule.Id));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("byAgency");
        foreach (var (agency, agencyCounts) in byAgency)
        {
            Outcomes(json, agency, agencyCounts);
        }

        json.WriteEndObject();
        json.WriteEndObject();

        static void Outcomes(Utf8JsonWriter json, string name, int[] counts)
        {
            json.WriteStartObject(name);
            foreach (var outcome in new[] { DecisionOutcome.Allow, DecisionOutcome.Review, DecisionOutcome.Deny })
            {
                json.WriteNumber(outcome.AuditName(), counts[(int)outcome]);
            }

            json.WriteEndObject();
        }
    }

    internal static void Tally(SearchDecision decision, Dictionary<string, int> violated, Dictionary<string, int> withheld)
    {
        foreach (var result in decision.Rules)
        {
            var tally = result.Outcome switch
            {
                RuleOutcome.Violated => violated,
                RuleOutcome.NotPublished => withheld,
                _ => null,
            };
            if (tally is not null)
            {
                tally[result.Rule.Id] = tally.GetValueOrDefault(result.Rule.Id) + 1;
            }
        }
    }

    private static string Rules(string what, Dictionary<string, int> counts) =>
        counts.Count == 0 ? string.Empty : $"; {what}: {string.Join(", ", counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:N0}"))}";

    internal static string Skipped(SearchRead read) =>
        (read.Duplicates > 0 ? $"; {English.Count(read.Duplicates, "search", "searches")} read twice kept once" : string.Empty) +
        (read.Invalid > 0 ? $"; {English.Count(read.Invalid, "invalid record")} skipped" : string.Empty);
}
