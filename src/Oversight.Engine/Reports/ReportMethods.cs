using System.Globalization;

namespace Oversight.Reports;

/// <summary>The methods page: how the report counts and protects, in plain words, with this report's own settings filled in.</summary>
internal static class ReportMethods
{
    public static IReadOnlyList<MethodsSection> Sections(TransparencyReport report)
    {
        var cover = report.Cover;
        var k = cover.SuppressBelow;
        var d = report.Disclosure;
        return
        [
            new("What is counted",
            [
                "Every request a police agency submitted for residents' camera footage is counted once, in the period that contains the moment it was submitted, " +
                $"measured in the policy's time zone ({cover.TimeZone}). This report covers {cover.Period}: from {Local(cover.PeriodStart)} up to, but not including, {Local(cover.PeriodEnd)}.",
                "Each request was checked against the policy in force when it was submitted. Allowed requests went ahead; requests marked for review needed a person's approval; denied requests were refused. " +
                "Denied requests are counted too: the record of what was asked for matters as much as what was given.",
                "A denied request may break several rules, so the rows of the denial table can add up to more than the number of denied requests.",
            ]),
            new("What the input covers",
            [
                $"The report was made from {report.Coverage.Source}. A period counts as covered when the input's records begin before it and end after it; " +
                "when only the first and last record are known, an edge within a day of the period, or within the longest quiet spell between requests inside it, counts as covered. " +
                "The change against the previous period is given only when both periods are fully covered and the previous one had at least " +
                $"{Math.Max(k, 1)} requests; a period the input does not reach says \"no data\", never zero.",
            ]),
            new("Weeks, areas and time windows",
            [
                "Weeks run Monday to Sunday in local time. The first and last week of a period may be partial; they are marked, and only their days inside the period are counted.",
                "Area is the size of the place a request covers, in square miles, measured on the earth's ellipsoid. The time window is the length of footage asked for, in hours. " +
                $"The charts mark the policy's limits and floors: {Limit(report.Areas, "sq mi")}; {Limit(report.Windows, "hours")} (a warrant can lift some of them). Medians are the middle value: half the requests were smaller, half larger.",
            ]),
            new("Small numbers and what is protected",
            [
                cover.Suppresses
                    ? $"So that no person, place or case can be singled out, every count from 1 to {k - 1} in a table, chart, total or sentence is withheld (primary suppression) and printed \"<{k}\"; zero is printed as 0. " +
                      "Withholding a small count alone is not enough: it could often be worked out by subtracting the other cells of its row from the row's total, or by combining tables that share totals (weeks, agencies, legal bases, incident types, census tracts, areas, time windows, case numbers and policy versions all add up to the period's totals by decision, and the denial table is bounded by the denied total and by the requests beyond each limit). " +
                      $"So further counts are withheld too (complementary suppression) and printed \"{ReportCount.Confidential}\", as statistical agencies do (τ-ARGUS, sdcTable): the cheapest set, preferring small inner cells to totals and never the period's total."
                    : "No counts are suppressed in this report.",
                cover.Suppresses
                    ? $"Every withheld count was then checked the way an intruder would attack it: a linear program over everything published, solved for the least and greatest value each withheld count can take, with whole-number reasoning where that matters. No withheld count can be pinned to one value. In this report {d.Small:N0} of {d.Cells:N0} published counts are small and {d.Withheld:N0} more are withheld to protect them. " +
                      (d.SmallMarked ? string.Empty : $"In this report small counts are not marked \"<{k}\": with so few requests, knowing which withheld counts are small would let a reader work them out, so every withheld count is printed \"{ReportCount.Confidential}\". ") +
                      $"A period with fewer than {k} requests publishes only that fact. Medians are printed only for groups of at least {k} requests, and dates, never times of day, for the first and last use of a policy version. " +
                      "Findings describe police requests, not residents, and are printed in full; their sizes are part of the check. Staff notes are printed as written."
                    : string.Empty,
                cover.Internal
                    ? "This is an internal report for auditors: counts are not suppressed and the workbook holds row-level sheets with request ids, officers and case numbers. It is not for publication."
                    : "The public report never shows request ids, officers, case numbers or the exact shape of any request's area.",
            ]),
            new("Places",
            [
                report.Geography is not { } geography
                    ? "No geography was given, so requests are not broken down by place."
                    : $"Each request is placed in the census tract ({geography.Source}) that contains the centre of its area. Requests whose centre lies in no tract are counted as outside the tracts. " +
                      "A tract's count says how often footage near it was asked for, not how many residents were affected. " +
                      (geography.HasPopulation
                          ? "Rates per 1,000 residents use each tract's 2020 Census population (table P1, total population) and are printed only beside a published count."
                          : "The geography file carries no population, so no rates per resident are given."),
            ]),
            new("Findings",
            [
                "Findings are patterns across several allowed or reviewed requests that no single request shows: a large area split into small requests, a long window split into short ones, " +
                "a chain of requests following someone's movements, one place watched on many days, one case spread over many requests, or an agency far off its usual rate. " +
                "A finding belongs to the period in which its first request was submitted. Auditors record a disposition for each (acknowledged, referred, dismissed as expected, confirmed violation); the latest is shown.",
            ]),
            new("Source",
            [
                $"Anyone holding the same input and policy can make the same report and check every number; the provenance box at the back gives the hashes.",
            ]),
        ];
    }

    private static string Limit(Distribution? distribution, string unit) => distribution is null
        ? $"no distribution is published for {unit}"
        : (distribution.Limit, distribution.Floor) switch
        {
            ({ } max, { } min) => $"{distribution.Measure.ToLowerInvariant()} from {Number(min)} to {Number(max)} {unit}",
            ({ } max, null) => $"{distribution.Measure.ToLowerInvariant()} up to {Number(max)} {unit}",
            (null, { } min) => $"{distribution.Measure.ToLowerInvariant()} at least {Number(min)} {unit}",
            _ => $"no {distribution.Measure.ToLowerInvariant()} limit",
        };

    private static string Local(DateTimeOffset time) => time.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
