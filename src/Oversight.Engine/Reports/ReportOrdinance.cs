namespace Oversight.Reports;

/// <summary>
/// What oversight ordinances ask an annual surveillance report for, and where this report answers
/// each: Oakland OMC 9.64.010(1) items A–H, then what Palo Alto (PAMC 2.30), Seattle (SMC 14.18)
/// and New York City (the POST Act) add. Every item is printed with the data, the staff note, or
/// "not provided" — never left out.
/// </summary>
internal static class ReportOrdinance
{
    public static List<OrdinanceItem> Items(TransparencyReport report)
    {
        var notes = report.Notes;
        var hasData = report.Cover.Mode == ReportMode.Full;
        OrdinanceItem Item(string reference, string asks, string? data, string? noteKey)
        {
            var note = noteKey is null ? null : notes?[noteKey];
            var topic = noteKey is null ? null : ReportNotes.Topics.First(t => t.Key == noteKey).Title;
            var answer = (data, note) switch
            {
                (not null, not null) => OrdinanceAnswer.DataAndNote,
                (not null, null) => OrdinanceAnswer.Data,
                (null, not null) => OrdinanceAnswer.Note,
                _ => OrdinanceAnswer.NotProvided,
            };
            var text = answer switch
            {
                OrdinanceAnswer.DataAndNote => $"{data} Staff note: \"{topic}\".",
                OrdinanceAnswer.Data => data!,
                OrdinanceAnswer.Note => $"Staff note: \"{topic}\".",
                _ => noteKey is null ? "Not provided." : $"Not provided: staff gave no note on \"{topic}\" for this period.",
            };
            return new OrdinanceItem(reference, asks, answer, text);
        }

        var usage = hasData
            ? "See \"At a glance\", \"Requests each week\", \"How large an area was asked for\" and \"How much time was asked for\"."
            : report.Cover.Mode == ReportMode.Band ? $"Only the band (fewer than {report.Cover.SuppressBelow} requests) may be published for this period." : null;
        var places = hasData && report.Geography is not null ? "See \"Where footage was requested\" (by census tract)." : null;
        var audits = (report.Summary.Findings, hasData) switch
        {
            (> 0, true) => $"See \"Patterns found across requests\": {Plural(report.Summary.Findings, "pattern")} found by the automatic audit, each with its latest disposition.",
            (0, true) => "See \"Patterns found across requests\": the automatic audit found no pattern in this period.",
            _ => null,
        };
        var changes = report.PolicyChanges.Count > 0
            ? $"See \"Policy versions in force\": {Plural(report.PolicyChanges.Count, "change")} of version in the period, each compared with the one before."
            : null;
        return
        [
            Item("Oakland A", "How the technology was used; the type and quantity of data gathered", usage, "use"),
            Item("Oakland B", "Whether and how often data was shared with outside entities, with whom, under what legal standard", null, "sharing"),
            Item("Oakland C", "What the technology was installed on or applied to", null, "dataSources"),
            Item("Oakland D", "Where the technology was used, by area", places, null),
            Item("Oakland E", "Community complaints or concerns; whether the use policy protects civil rights and liberties", null, "complaints"),
            Item("Oakland F", "Internal audits, violations or potential violations of the use policy, and the actions taken", audits, "auditsAndViolations"),
            Item("Oakland G", "Data breaches or other unauthorized access, and the actions taken", null, "breaches"),
            Item("Oakland H", "Information, including crime statistics, on whether the technology was effective", null, "effectiveness"),
            Item("Other ordinances", "Public-records requests about the technology", null, "publicRecordsRequests"),
            Item("Other ordinances", "Costs, including personnel, and funding", null, "costs"),
            Item("Other ordinances", "How long data is retained", null, "retention"),
            Item("Other ordinances", "The rules in force", "See \"The rules in force\": every rule with its limit in plain words.", null),
            Item("Other ordinances", "Changes to the use policy, made or proposed", changes, "proposedChanges"),
        ];
    }

    public static List<Definition> Definitions(ReportCover cover)
    {
        var k = cover.SuppressBelow;
        return
        [
            new("Request", "A police agency's request for residents' camera footage: an area, a time window, a legal basis and a reason, checked against the policy when it is submitted."),
            new("Allowed", "The request broke no rule of the policy and went ahead."),
            new("Needed review", "The request broke a rule whose action is review, or an exemption sends it to review (exigent requests): a person had to approve it. What the reviewer decided is not part of the decision log."),
            new("Denied", "The request broke a rule whose action is deny and was refused."),
            new("Legal basis", "Consent: residents were asked to share voluntarily. Warrant: a court order. Exigent: an emergency, claimed by the agency."),
            new("Area", "The size of the place a request covers, in square miles, measured on the earth's ellipsoid."),
            new("Time window", "The length of footage a request asks for, in hours."),
            new("Finding", "A pattern across several allowed or reviewed requests that no single request shows, found by the automatic audit."),
            new("Disposition", "What an auditor decided about a finding: acknowledged, referred, dismissed as expected, or confirmed violation; the latest is shown."),
            new($"<{k}", k > 1 ? $"A count from 1 to {k - 1}, withheld so that no person, place or case can be singled out." : "Not used: this report suppresses no counts."),
            new(ReportCount.Confidential, "A count withheld so that a small count elsewhere cannot be worked out by adding and subtracting published numbers."),
            new("Partial week", "A week that begins before or ends after the period: only its days inside the period are counted."),
            new("Coverage", "Whether the input holds every request of a period: full, partial (the input starts or ends inside it) or none."),
            new("Per 1,000 residents", "Requests centred in an area per 1,000 people living there (2020 Census), given only where the geography file carries the population."),
        ];
    }

    internal static string Plural(int count, string noun) => $"{count:N0} {noun}{(count == 1 ? string.Empty : "s")}";
}
