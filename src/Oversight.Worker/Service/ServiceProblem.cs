using System.Diagnostics.CodeAnalysis;
using Oversight.Requests;

namespace Oversight.Worker.Service;

/// <summary>
/// An expected failure of a service call, the same for the API and the console: the HTTP status it
/// answers with, a title and detail in words, and every field problem with where it is. The API
/// writes it as RFC 9457 problem details; a page puts each problem next to its field.
/// </summary>
public sealed record ServiceProblem(int Status, string Title, string? Detail = null)
{
    /// <summary>The field problems (400 only).</summary>
    public IReadOnlyList<InputProblem> Errors { get; init; } = [];

    /// <summary>When to try again (429, 503, a receipt not yet covered).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public const string InvalidTitle = "The request is invalid";

    public static ServiceProblem Invalid(IEnumerable<InputProblem> problems) =>
        new(StatusCodes.Status400BadRequest, InvalidTitle, "No decision was made; every problem is listed in 'errors'.") { Errors = [.. problems] };

    public static ServiceProblem NotFound(string title, string? detail = null) => new(StatusCodes.Status404NotFound, title, detail);
}

/// <summary>A service call's value, or the problem that stopped it.</summary>
public readonly record struct Answer<T>(T? Value, ServiceProblem? Problem)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static implicit operator Answer<T>(T value) => new(value, null);

    public static implicit operator Answer<T>(ServiceProblem problem) => new(default, problem);
}
