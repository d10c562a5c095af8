using Oversight.Gate;
using Oversight.Policies;
using Oversight.Searches;
using Oversight.Searches.Audit;
using Oversight.Searches.Reasons;
using Oversight.Text;

namespace Oversight.Reports.Searches;

/// <summary>
/// What the search report needs of one audited search: when, who (kept for counting officers and
/// for internal reports only), the audit's outcome and rules, how wide, and what its reason shows.
/// The reason's text is never kept: only what the report counts about it.
/// </summary>
public sealed record SearchReportRow(
    string Id,
    string Agency,
    string? Requester,
    DateTimeOffset SearchedAt,
    DecisionOutcome Outcome,
    IReadOnlyList<string> Violated,
    IReadOnlyList<string> NotPublished,
    int? Cameras,
    int? Networks,
    ReasonFacts Reason)
{
    /// <summary>The row of an audited search; its reason is read as the policy's vague-reason rules read it.</summary>
    public static SearchReportRow From(SearchDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var search = decision.Search;
        return new SearchReportRow(
            search.Id, search.Agency, search.Requester, search.SearchedAt, decision.Outcome, [.. decision.Violated], [.. decision.NotPublished],
            search.CamerasSearched, search.NetworksSearched, ReasonFacts.Of(search, decision.Policy));
    }
}

/// <summary>What the report counts about a reason (never its text, except a common reason's normalised words).</summary>
/// <param name="Published">False when the export withholds the reason.</param>
/// <param name="Blank">Published and empty.</param>
/// <param name="Length">Visible characters.</param>
/// <param name="Vague">Only a vague phrase, by the policy's vague-reason rules (false when the policy has none).</param>
/// <param name="Pii">Holds what looks like a licence plate or a date of birth.</param>
/// <param name="CaseNumber">A case number is given, in its column or typed into the reason.</param>
/// <param name="OffenseType">An offense type is given.</param>
/// <param name="Words">The reason as compared (folded words), for the common-reasons table; null when it holds personal data.</param>
public sealed record ReasonFacts(bool Published, bool Blank, int Length, bool Vague, bool Pii, bool CaseNumber, bool OffenseType, string? Words)
{
    private static readonly Memo<string, string> WordsOf = new(reason => string.Join(' ', ReasonWords.Split(TextFold.Fold(reason))));

    public static ReasonFacts Of(AlprSearch search, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(policy);
        var reason = search.Reason;
        var pii = PersonalData.Find(reason, search.SearchedAt) != PiiKinds.None;
        var vague = policy.Rules.OfType<VagueReasonRule>().Any(r => search.Text(r.Field) is { } text && r.Phrases.Match(text) is not null);
        var words = reason is null || pii ? null : WordsOf[reason];
        return new ReasonFacts(
            reason is not null,
            reason is not null && TextFold.IsBlank(reason),
            TextFold.VisibleLength(reason),
            vague,
            pii,
            !TextFold.IsBlank(search.CaseNumber) || CaseNumbers.InReason(reason) is not null,
            !TextFold.IsBlank(search.OffenseType),
            string.IsNullOrEmpty(words) ? null : words);
    }
}
