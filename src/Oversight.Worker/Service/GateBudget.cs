using System.Collections.Concurrent;

namespace Oversight.Worker.Service;

/// <summary>The gate is busy with this caller's earlier requests: it has used its share of evaluation time for now.</summary>
public sealed class GateBudgetException(TimeSpan retryAfter) : Exception($"This key has used its share of the gate's evaluation time; try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// How much evaluation time each caller may take from the gate per window. Every evaluation holds
/// the gate that all callers share, and an ordinary one takes microseconds; a caller whose requests
/// keep taking long (shapes made to be expensive) is told to wait once it has used its share, so
/// that it can never keep the gate from everyone else.
/// </summary>
public sealed class GateBudget(TimeSpan allowance, TimeSpan window, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Usage> usage = new(StringComparer.Ordinal);

    /// <summary>Throws when <paramref name="caller"/> has used its allowance in the current window.</summary>
    /// <exception cref="GateBudgetException">The allowance is used up; the exception says when the window ends.</exception>
    public void Admit(string caller)
    {
        if (usage.TryGetValue(caller, out var used) && Current(used) is { } current && current.Spent >= allowance)
        {
            throw new GateBudgetException(window - time.GetElapsedTime(current.Started));
        }
    }

    /// <summary>Adds the time an evaluation took to the caller's use in the current window.</summary>
    public void Charge(string caller, TimeSpan spent) =>
        usage.AddOrUpdate(caller, _ => new Usage(time.GetTimestamp(), spent), (_, used) => Current(used) is { } current
            ? current with { Spent = current.Spent + spent }
            : new Usage(time.GetTimestamp(), spent));

    private Usage? Current(Usage used) => time.GetElapsedTime(used.Started) < window ? used : null;

    private sealed record Usage(long Started, TimeSpan Spent);
}
