namespace Oversight.Policies;

/// <summary>A problem in a policy file at a 1-based line and column.</summary>
public sealed record PolicyProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>A loaded policy, or every problem that stopped it; warnings never stop a policy.</summary>
public sealed class PolicyLoadResult
{
    internal PolicyLoadResult(Policy? policy, IReadOnlyList<PolicyProblem> problems, IReadOnlyList<PolicyProblem> warnings)
    {
        Policy = policy;
        Problems = problems;
        Warnings = warnings;
    }

    public Policy? Policy { get; }

    public IReadOnlyList<PolicyProblem> Problems { get; }

    /// <summary>Lint findings: legal but probably not meant (a floor above its ceiling, a waiver of a warn rule).</summary>
    public IReadOnlyList<PolicyProblem> Warnings { get; }

    public bool Succeeded => Policy is not null;

    /// <summary>A refusal for a reason found outside the loader (a file that could not be read, an id used twice).</summary>
    public static PolicyLoadResult Failure(IReadOnlyList<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A refusal names at least one problem.", nameof(problems));
        }

        return new PolicyLoadResult(null, problems, []);
    }
}
