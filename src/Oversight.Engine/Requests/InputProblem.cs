namespace Oversight.Requests;

/// <summary>One thing wrong with an input, and where: a JSON path, a line, a column.</summary>
/// <param name="Path">JSON path (<c>$.window.end</c>) or CSV column name; empty when the whole record is meant.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Line">1-based line in the file, when known.</param>
/// <param name="Column">1-based column (CSV field number or JSON character), when known.</param>
public sealed record InputProblem(string Path, string Message, int? Line = null, int? Column = null)
{
    public InputProblem AtLine(int line) => this with { Line = Line ?? line };

    public override string ToString()
    {
        var where = Line is { } line
            ? Column is { } column ? $"line {line}, column {column}" : $"line {line}"
            : null;
        var path = string.IsNullOrEmpty(Path) ? null : Path;
        return (where, path) switch
        {
            (null, null) => Message,
            (null, _) => $"{path}: {Message}",
            (_, null) => $"{where}: {Message}",
            _ => $"{where}: {path}: {Message}",
        };
    }
}

/// <summary>A parsed value or every problem that stopped it.</summary>
public sealed class ParseResult<T>
    where T : class
{
    private ParseResult(T? value, IReadOnlyList<InputProblem> problems)
    {
        Value = value;
        Problems = problems;
    }

    public T? Value { get; }

    public IReadOnlyList<InputProblem> Problems { get; }

    public bool Succeeded => Value is not null;

    public static ParseResult<T> Success(T value) => new(value, []);

    public static ParseResult<T> Failure(IReadOnlyList<InputProblem> problems)
    {
        if (problems.Count == 0)
        {
            throw new ArgumentException("A failure names at least one problem.", nameof(problems));
        }

        return new(null, problems);
    }
}
