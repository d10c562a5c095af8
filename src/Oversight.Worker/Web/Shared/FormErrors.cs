using Oversight.Requests;

namespace Oversight.Worker.Web.Shared;

/// <summary>
/// The problems a form submission came to, each attached to the field it is about (the id of the
/// input), in the order they are shown: the error summary at the top lists them all and links to
/// each field; each field shows its own.
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> all = [];

    public IReadOnlyList<(string Field, string Message)> All => all;

    /// <summary>Fields' labels, for the error summary: a message from the API ("required field is missing") is shown there with the field it is about.</summary>
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>The message as the error summary shows it: with its field's label when one is known.</summary>
    public string InSummary(string field, string message) => Labels.TryGetValue(field, out var label) ? $"{label}: {message}" : message;

    public bool Any => all.Count > 0;

    public void Add(string field, string message) => all.Add((field, message));

    public void Clear() => all.Clear();

    public bool Has(string field) => all.Exists(e => e.Field == field);

    public IEnumerable<string> For(string field) => all.Where(e => e.Field == field).Select(e => e.Message);

    /// <summary>
    /// Adds a service's problems: each field problem goes to the field its path names
    /// (<paramref name="fieldOf"/>, else <paramref name="fallback"/>); a problem without field
    /// problems goes to <paramref name="fallback"/> with its title and detail.
    /// </summary>
    public void Add(Oversight.Worker.Service.ServiceProblem problem, Func<InputProblem, string?> fieldOf, string fallback)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(fieldOf);
        if (problem.Errors.Count == 0)
        {
            Add(fallback, problem.Detail is { } detail ? $"{problem.Title}: {detail}" : problem.Title);
            return;
        }

        foreach (var error in problem.Errors)
        {
            Add(fieldOf(error) ?? fallback, Describe(error));
        }
    }

    /// <summary>A problem in words, with its line and column when it has them (the path is what the field stands for).</summary>
    public static string Describe(InputProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var where = problem.Line is { } line ? problem.Column is { } column ? $"Line {line}, column {column}: " : $"Line {line}: " : string.Empty;
        return where + Capital(problem.Message);
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
