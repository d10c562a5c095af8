using System.Globalization;

namespace Oversight;

/// <summary>Counts and articles written as a person would: "1 entry", "2 entries", "an agency key".</summary>
public static class English
{
    /// <summary>"1 rule", "2 rules", "1,204 requests"; <paramref name="plural"/> when adding "s" is wrong ("entries").</summary>
    public static string Count(long count, string noun, string? plural = null) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {plural ?? noun + "s"}";

    /// <summary>"a" or "an" before <paramref name="word"/>, by its first letter (enough for the words this program writes).</summary>
    public static string Article(string word) =>
        word.Length > 0 && "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary><paramref name="word"/> with its article: "an agency", "a council".</summary>
    public static string A(string word) => $"{Article(word)} {word}";
}
