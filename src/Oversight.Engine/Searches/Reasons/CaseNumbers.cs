using System.Text.RegularExpressions;
using Oversight.Text;

namespace Oversight.Searches.Reasons;

/// <summary>
/// Case numbers that officers type into the reason when the export has no case-number column: a
/// word after "case", "case #", "case no", "cad", "incident", "report" or "rpt" that holds digits,
/// a word of 6 to 10 digits (Eugene's 2510494), or digits-dash-digits such as 25-12345 or
/// EPD25-12345. Licence plates (letters and digits mixed) are not case numbers.
/// </summary>
public static partial class CaseNumbers
{
    private static readonly Memo<string, string?> Known = new(Read);

    /// <summary>The first case number in a reason, folded; null when there is none.</summary>
    public static string? InReason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : Known[reason];

    private static string? Read(string reason)
    {
        var folded = TextFold.Key(reason);
        var labelled = Labelled().Match(folded);
        if (labelled.Success)
        {
            return labelled.Groups["n"].Value;
        }

        var bare = Bare().Match(folded);
        return bare.Success ? bare.Groups["n"].Value : null;
    }

    [GeneratedRegex(@"\b(?:case|cad|incident|report|rpt)\s*(?:#|no\.?|num(?:ber)?\.?|:)?\s*(?<n>[a-z]{0,4}-?\d[\d-]{2,14})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"(?<![\w-])(?<n>\d{6,10}|[a-z]{0,4}\d{2,4}-\d{3,8})(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex Bare();
}
