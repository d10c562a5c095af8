using System.Globalization;

namespace Oversight.Reports.Searches;

/// <summary>The search report's words: page 1's sentences, the definitions and the methods, all from published numbers.</summary>
internal static class SearchReportText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Pattern(string kind) => kind switch
    {
        "rate-anomaly" => "Far more searches than usual",
        "case-fanout" => "One case behind many searches",
        _ => ReportBuilder.Pattern(kind),
    };

    public static List<string> Highlights(SearchReport report)
    {
        var c = report.Cover;
        var s = report.Summary;
        var sentences = new List<string>();
        switch (c.Mode)
        {
            case ReportMode.NoData:
                sentences.Add($"There is no data for {c.Period}: the input does not reach into this period, so nothing can be said about it.");
                return sentences;
            case ReportMode.Empty:
                sentences.Add($"No licence-plate-reader search was run in {c.Period}.");
                return sentences;
            case ReportMode.Band:
                sentences.Add($"Fewer than {c.SuppressBelow} licence-plate-reader searches were run in {c.Period}. So that no officer or case can be singled out, this report gives no further detail about them.");
                return sentences;
            case ReportMode.TotalOnly:
                sentences.Add($"{Count(s.Searches, "licence-plate-reader search", "licence-plate-reader searches")} were run in {c.Period}; they are too few to break down without singling one out, so only their number is published.");
                return sentences;
        }

        var volume = $"Officers ran {Count(s.Searches, "licence-plate-reader search", "licence-plate-reader searches")} in {c.Period}";
        sentences.Add(s.Change is { } change && s.PreviousSearches?.Value is { } before
            ? volume + (Math.Abs(change) < 0.005 ? $", about as many as in {s.PreviousPeriod} ({before:N0})." : $", {Percent(Math.Abs(change))} {(change > 0 ? "more" : "fewer")} than in {s.PreviousPeriod} ({before:N0}).")
            : volume + ".");
        var broken = report.Rules.Where(r => r.Violated.Value is > 0).OrderByDescending(r => r.Violated.Value).ToList();
        if (s.BrokeARule.Value is { } brokeAny && s.Searches.Value is { } all && all > 0)
        {
            sentences.Add(brokeAny == 0
                ? "No search broke a rule of the policy."
                : $"{Count(s.BrokeARule, "search", "searches")} ({Percent((double)brokeAny / all)}) broke at least one rule of the policy" +
                  (broken.Count > 0 ? $"; the rule broken most often: {broken[0].Description.ToLowerInvariant()} ({broken[0].Violated.Text})." : ".") +
                  (s.NeedsReview.Value == 0 && s.WouldHaveBeenDenied.Value == 0 ? " The policy's rules are noted only (warn), so none of them makes a search non-compliant: this is a measure of what such rules would catch." : string.Empty));
        }

        if (s.ShareVague is { } vague || s.ShareShort is not null)
        {
            var parts = new List<string>();
            if (s.ShareShort is { } shortShare)
            {
                parts.Add($"{Percent(shortShare)} of the reasons are shorter than {SearchFacts.ShortReason} characters");
            }

            if (s.ShareVague is { } vagueShare)
            {
                parts.Add($"{Percent(vagueShare)} are only a vague phrase such as \u201cinvestigation\u201d");
            }

            sentences.Add(Capital(string.Join(", and ", parts)) + ".");
        }

        var unjudged = report.Rules.Where(r => r.NotPublished.Value is > 0).ToList();
        if (unjudged.Count > 0)
        {
            sentences.Add($"The export does not publish what {English.Count(unjudged.Count, "rule")} ({string.Join(", ", unjudged.Select(r => $"{r.Id}: {r.NotPublished.Text} searches"))}) need, so those searches could not be checked: \"not published\" is not \"compliant\".");
        }

        if (s.ShareWide is { } wide)
        {
            sentences.Add($"{Percent(wide)} of the searches ran over more than {s.WideAbove:N0} cameras, beyond a town's own network{(s.MedianCameras is { } median ? $"; the median search ran over {median:N0}" : string.Empty)}.");
        }

        if (s.BusiestTenthShare is { } busiest && sentences.Count < 6)
        {
            sentences.Add($"The busiest tenth of officers ran {Percent(busiest)} of the searches by known officers.");
        }

        sentences.Add(s.Findings == 0
            ? "The automatic audit found no pattern across searches."
            : $"The automatic audit found {Plural(s.Findings, "pattern")} across searches ({s.FindingsHigh} of high severity); each is listed with what was found.");
        return sentences;
    }

    public static List<Definition> Definitions(ReportCover cover)
    {
        var k = cover.SuppressBelow;
        return
        [
            new("Search", "One query of the licence-plate-reader system by an officer: the system looks for a vehicle across the cameras and networks the officer chooses."),
            new("Compliant", "The search broke no rule of the policy whose action is deny or review (rules whose action is warn are noted only)."),
            new("Needs review", "The search broke a rule whose action is review: a person should look at it."),
            new("Would have been denied", "The search broke a rule whose action is deny: had the policy gated searches, it would not have run."),
            new("Not published", "The export withholds what a rule needs (for example case numbers or time frames), so the rule could not be checked for the search. It is neither a pass nor a violation."),
            new("Vague reason", "A reason that, once case, spelling tricks, punctuation, repeats and filler words are set aside, is only a phrase such as \u201cinvestigation\u201d, a misspelling of it (within two letters) or an abbreviation (\u201cinv\u201d)."),
            new("Cameras searched", "How many cameras (Flock devices) a search ran over: about a hundred is one town's own network; thousands reach other agencies' networks; tens of thousands, the whole country."),
            new("Unknown officer", "A search whose export masks who ran it (\u201c***\u201d). Such searches count for their agency, never as one officer's."),
            new("Finding", "A pattern across several searches that no single search shows, found by the automatic audit."),
            new($"<{k}", k > 1 ? $"A count from 1 to {k - 1}, withheld so that no officer or case can be singled out." : "Not used: this report suppresses no counts."),
            new(ReportCount.Confidential, "A count withheld so that a small count elsewhere cannot be worked out by adding and subtracting published numbers."),
        ];
    }

    public static List<MethodsSection> Methods(SearchReport report)
    {
        var cover = report.Cover;
        var k = cover.SuppressBelow;
        var d = report.Disclosure;
        return
        [
            new("An audit, not a gate",
            [
                "A search is already run when its agency publishes it, so this report audits searches instead of deciding them: each search is checked against the policy as if the policy had been in force, and every search counts toward the policy's limits on how many searches an officer, a case or the agency may run, whatever the check says of it.",
                $"Each search belongs to the period holding the moment it was run, in the policy's time zone ({cover.TimeZone}); weeks run Monday to Sunday. This report covers {cover.Period}.",
                "A rule that needs a field the export does not publish (the portal publishes no case numbers, offense types or time frames) reports \"not published\" for that search, never \"violated\": a withheld field is not evidence either way. A case number typed into the reason counts as a case number.",
            ]),
            new("Reasons",
            [
                "Reasons are compared after folding: case, accents, invisible characters, look-alike letters of other scripts and spacing are set aside, so \"ＩＮＶＥＳＴＩＧＡＴＩＯＮ\" and \"inv\u00ADestigation\" read as \"investigation\". " +
                "A vague reason is one that, once punctuation, repeated words and filler words (for, of, the, purposes, …) are set aside, is only one of the policy's vague phrases, or several of them strung together, or a misspelling or abbreviation of one. Padding a reason to make it longer does not make it less vague.",
                "The common reasons are shown as compared (folded words), only when at least " + Math.Max(k, 2).ToString(Culture) + " searches gave them, and never when they hold what looks like a licence plate or a date of birth.",
            ]),
            new("Officers",
            [
                "Officers are counted by the account the export names, within their agency, and never named in this report. The table of searches per officer counts officers in each band. A search whose officer is masked counts for the agency only: masked searches are never taken for one officer.",
            ]),
            new("Small numbers",
            [
                cover.Suppresses
                    ? $"Every count from 1 to {k - 1} is withheld and printed \"<{k}\"; further counts are withheld (\"{ReportCount.Confidential}\") so that none can be worked out from the others: weeks and outcomes add up to the period's total, each rule's columns add up to it, and the bands of officers add up to the officers. " +
                      $"Every withheld count was checked by a linear program over everything published. In this report {d.Small:N0} of {d.Cells:N0} published counts are small and {d.Withheld:N0} more are withheld to protect them."
                    : "No counts are suppressed in this report.",
                cover.Internal
                    ? "This is an internal report for auditors: counts are not suppressed and the workbook holds row-level sheets with search ids and officer accounts. It is not for publication."
                    : "The public report never shows search ids, officer accounts, case numbers or licence plates.",
            ]),
            new("Findings",
            [
                "The automatic audit looks at every search for: a week far busier than the officer's (or the agency's) own other weeks make likely, judged by a count model that holds for officers who search rarely; searches on many days in a row; an officer searching mostly at night; weeks in which many searches gave only a vague reason; one case number behind many searches on many days; searches far wider than the agency's usual wide search; and one licence plate (compared only by a keyed hash) searched on many days. " +
                "A finding belongs to the period holding its first search. A finding is a reason to look, not a verdict.",
            ]),
            new("Source",
            [
                "Anyone holding the same export and policy can make the same report and check every number; the provenance box at the back gives the hashes.",
            ]),
        ];
    }

    private static string Count(ReportCount count, string noun, string plural) =>
        count.Value is { } n ? (n == 1 ? $"1 {noun}" : $"{n:N0} {plural}") : count.State == Disclosure.CellState.Small ? $"fewer than {count.Threshold} {plural}" : $"a withheld number of {plural}";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";

    private static string Percent(double share) => share.ToString("0%", Culture);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
