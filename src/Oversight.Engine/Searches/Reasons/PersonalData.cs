using System.Globalization;
using System.Text.RegularExpressions;
using Oversight.Text;

namespace Oversight.Searches.Reasons;

/// <summary>The kinds of personal data a pii-in-reason rule looks for.</summary>
[Flags]
public enum PiiKinds
{
    None = 0,

    /// <summary>Something shaped like a licence plate.</summary>
    Plate = 1,

    /// <summary>A date of birth: a date after "DOB", "born" or "date of birth", or a full date at least 10 years before the search.</summary>
    DateOfBirth = 2,

    All = Plate | DateOfBirth,
}

/// <summary>
/// Finds personal data typed into a reason, by shape only — the values are never kept or shown.
/// A plate is a word of 5 to 8 letters and digits with at least one letter and at least three
/// digits (or two, in a word of six or more), in at most three runs (589HPM, ZKB670, E287021,
/// 41HP587, 7ABC123), or any word of 2 to 8 letters and digits written after "plate", "lic",
/// "lp" or "tag#"; times (2025-06-18T19:17:43Z) and ordinals (123rd) are not plates. A date of
/// birth is a date after "dob", "d.o.b.", "born" or "date of birth", or a full date (M/D/YYYY,
/// YYYY-MM-DD) whose year is at least 10 years before the search's.
/// </summary>
public static partial class PersonalData
{
    private static readonly Memo<(string Text, int Year, PiiKinds Look), PiiKinds> Known = new(k => Read(k.Text, k.Year, k.Look));

    /// <summary>The kinds found in a text, among those asked for.</summary>
    public static PiiKinds Find(string? text, DateTimeOffset searchedAt, PiiKinds look = PiiKinds.All) =>
        string.IsNullOrWhiteSpace(text) ? PiiKinds.None : Known[(text, searchedAt.Year, look)];

    private static PiiKinds Read(string text, int year, PiiKinds look)
    {
        var folded = TextFold.Fold(text);
        var found = PiiKinds.None;
        if (look.HasFlag(PiiKinds.DateOfBirth) && HasDateOfBirth(folded, year))
        {
            found |= PiiKinds.DateOfBirth;
        }

        if (look.HasFlag(PiiKinds.Plate) && HasPlate(folded))
        {
            found |= PiiKinds.Plate;
        }

        return found;
    }

    /// <summary>"a licence plate", "a date of birth", or both.</summary>
    public static string Describe(PiiKinds kinds) => kinds switch
    {
        PiiKinds.Plate => "a licence plate",
        PiiKinds.DateOfBirth => "a date of birth",
        PiiKinds.All => "a licence plate and a date of birth",
        _ => "nothing personal",
    };

    private static bool HasPlate(string folded)
    {
        var text = IsoTime().Replace(folded, " ");
        var words = ReasonWords.Split(text);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var labelled = i > 0 && words[i - 1] is "plate" or "plates" or "lic" or "lp" or "lpn" or "license" or "licence" or "tag";
            if (labelled && word.Length is >= 2 and <= 8 && word.Any(char.IsAsciiDigit) && word.All(char.IsAsciiLetterOrDigit))
            {
                return true;
            }

            if (LooksLikePlate(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The shape test for a plate written on its own (see the type's remarks).</summary>
    internal static bool LooksLikePlate(string word)
    {
        if (word.Length is < 5 or > 8 || !word.All(char.IsAsciiLetterOrDigit) || Ordinal().IsMatch(word))
        {
            return false;
        }

        var digits = word.Count(char.IsAsciiDigit);
        var letters = word.Length - digits;
        if (letters == 0 || digits < 2 || (digits == 2 && word.Length < 6))
        {
            return false;
        }

        var runs = 1;
        for (var k = 1; k < word.Length; k++)
        {
            if (char.IsAsciiDigit(word[k]) != char.IsAsciiDigit(word[k - 1]))
            {
                runs++;
            }
        }

        return runs <= 3;
    }

    private static bool HasDateOfBirth(string folded, int searchYear)
    {
        foreach (Match match in Date().Matches(IsoTime().Replace(folded, " ")))
        {
            var year = YearOf(match);
            if (year is null)
            {
                continue;
            }

            var before = folded[..match.Index];
            var labelled = BirthLabel().IsMatch(before[Math.Max(0, before.Length - 24)..]);
            if (labelled || (year.Value >= 1900 && year.Value <= searchYear - 10 && match.Groups["y4"].Success))
            {
                return true;
            }
        }

        return false;
    }

    private static int? YearOf(Match match)
    {
        if (match.Groups["y4"].Success)
        {
            return int.Parse(match.Groups["y4"].Value, CultureInfo.InvariantCulture);
        }

        if (match.Groups["iso"].Success)
        {
            return int.Parse(match.Groups["iso"].Value, CultureInfo.InvariantCulture);
        }

        return match.Groups["y2"].Success ? 0 : null;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"(?<![\d/-])(?:(?<iso>(?:19|20)\d{2})-\d{1,2}-\d{1,2}|\d{1,2}[/-]\d{1,2}[/-](?:(?<y4>(?:19|20)\d{2})|(?<y2>\d{2})))(?![\d/-])", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"\b(dob|d\.?o\.?b\.?|born|birth ?date|date of birth|birthday)\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex BirthLabel();

    [GeneratedRegex(@"^\d+(st|nd|rd|th)$", RegexOptions.CultureInvariant)]
    private static partial Regex Ordinal();
}
