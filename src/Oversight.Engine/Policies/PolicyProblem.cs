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
}
