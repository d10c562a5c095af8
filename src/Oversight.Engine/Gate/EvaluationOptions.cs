namespace Oversight.Gate;

/// <summary>How an evaluation is run: what it may count, and until when.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Count everything, with no deadline.</summary>
    public static readonly EvaluationOptions Default = new();

    /// <summary>
    /// When set, <c>per: area</c> rules count only this agency's prior requests: a dry run by an
    /// agency must not reveal other agencies' requests at a place. The outcome is then that of the
    /// requests the caller may see, which the rule's message says.
    /// </summary>
    /// <value>Default null: every agency's requests count, as they do for a submission.</value>
    public string? OnlyAgency { get; init; }

    /// <summary>Cancelled when the evaluation's deadline passes; the evaluation then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }
}
