using Oversight.Policies;
using Oversight.Text;

namespace Oversight.Gate;

/// <summary>The rules on a record's text fields, judged the same way for footage requests and ALPR searches.</summary>
internal static class TextRules
{
    /// <summary>Violated when the text is absent or blank (nothing visible is left once folded).</summary>
    public static RuleResult Required(Rule rule, string? text) =>
        TextFold.IsBlank(text)
            ? new RuleResult(rule, RuleOutcome.Violated, null, null, null, Detail: "missing")
            : new RuleResult(rule, RuleOutcome.Pass, null, null, null);

    /// <summary>Violated when the text has fewer visible characters than the limit (absent = 0).</summary>
    public static RuleResult MinLength(MinLengthRule rule, string? text)
    {
        var length = TextFold.VisibleLength(text);
        return new RuleResult(rule, length < rule.Limit ? RuleOutcome.Violated : RuleOutcome.Pass, length, rule.Limit, "chars");
    }

    /// <summary>Violated when the text is present and not one of the values.</summary>
    public static RuleResult AllowedValues(AllowedValuesRule rule, string? value) =>
        value is null || rule.Values.Contains(value)
            ? new RuleResult(rule, RuleOutcome.Pass, null, null, null, Detail: value)
            : new RuleResult(rule, RuleOutcome.Violated, null, null, null, Detail: value);

    /// <summary>Violated when the text mentions a forbidden term; the detail lists each with the word as found.</summary>
    public static RuleResult ForbiddenTerms(ForbiddenTermsRule rule, string? text)
    {
        if (string.IsNullOrEmpty(text) || !rule.Matcher.IsMatch(text))
        {
            return new RuleResult(rule, RuleOutcome.Pass, 0, 0, "terms");
        }

        var found = rule.Matcher.Matches(text);
        var detail = string.Join(", ", found.Select(hit => TextFold.Fold(hit.Term) == hit.Found ? hit.Term : $"{hit.Term} (as \u201c{hit.Found}\u201d)"));
        return new RuleResult(rule, RuleOutcome.Violated, found.Count, 0, "terms", Detail: detail);
    }
}
