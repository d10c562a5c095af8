using System.Globalization;

namespace Oversight.Reports;

/// <summary>The methods page: how the report counts, in plain words, with this report's own settings filled in.</summary>
internal static class ReportMethods
{
    public static IReadOnlyList<MethodsSection> Sections(ReportCover cover, GeographyBreakdown? geography, Limits limits)
    {
        var k = cover.SuppressBelow;
        return
        [
            new("What is counted",
            [
                "Every request a police agency submitted for residents' camera footage is counted once, in the period that contains the moment it was submitted, " +
                $"measured in the policy's time zone ({cover.TimeZone}). This report covers {cover.Period}: from {Local(cover.PeriodStart)} up to, but not including, {Local(cover.PeriodEnd)}.",
                "Each request was checked against the policy in force when it was submitted. Allowed requests went ahead; requests marked for review needed a person's approval; denied requests were refused. " +
                "Denied requests are counted here too, because the record of what was asked for matters as much as what was given.",
                "A denied request may break several rules, so the rows of the denial table can add up to more than the number of denied requests.",
            ]),
            new("Weeks, areas and time windows",
            [
                "Weeks run Monday to Sunday in local time and are labelled by their Monday; the first and last week of a period may be partial.",
                "Area is the size of the place a request covers, in square miles, measured on the earth's ellipsoid. The time window is the length of footage asked for, in hours. " +
                $"The charts mark the policy's limits: {(limits.AreaSqMiles is { } a ? Number(a) + " sq mi" : "no area limit")} and {(limits.WindowHours is { } w ? Number(w) + " hours" : "no window limit")} " +
                "(a warrant can lift them). Medians are the middle value: half the requests were smaller, half larger.",
            ]),
            new("Small numbers",
            [
                k > 1
                    ? $"To avoid singling out a person, place or case, counts from 1 to {k - 1} in breakdown tables and charts are shown as \"<{k}\". " +
                      $"Zero is shown as 0. Totals (all requests, each week's total, each agency's total) are exact. In charts a suppressed count is drawn in grey at {k - 1}, the most it can be. " +
                      "Where a row's total and its other cells are shown, a suppressed cell can sometimes be worked out; the rule protects small groups from casual identification."
                    : "No counts are suppressed in this report.",
                cover.Internal
                    ? "This is an internal report for auditors: counts are not suppressed and the workbook holds row-level sheets with request ids, officers and case numbers. It is not for publication."
                    : "The public report never shows request ids, officers, case numbers or the exact shape of any request's area.",
            ]),
            new("Places",
            [
                geography is null
                    ? "No geography was given, so requests are not broken down by place."
                    : $"Each request is placed in the census tract ({geography.Source}) that contains the centre of its area. Requests whose centre lies in no tract are counted as outside the tracts. " +
                      "A tract's count says how often footage near it was asked for, not how many residents were affected.",
            ]),
            new("Findings",
            [
                "Findings are patterns across several allowed or reviewed requests that no single request shows: a large area split into small requests, a long window split into short ones, " +
                "a chain of requests following someone's movements, one place watched on many days, one case spread over many requests, or an agency far off its usual rate. " +
                "A finding belongs to the period in which its first request was submitted. Findings describe police requests, not residents, and are shown in full.",
            ]),
            new("Source",
            [
                $"The report was made from input whose SHA-256 is {cover.InputSha256}. Anyone holding the same input and policy can make the same report and check every number.",
            ]),
        ];
    }

    private static string Local(DateTimeOffset time) => time.ToString("MMMM d, yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
