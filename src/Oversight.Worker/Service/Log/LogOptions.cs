namespace Oversight.Worker.Service.Log;

/// <summary>How the service keeps its transparency log.</summary>
public sealed record LogOptions
{
    /// <summary>The file holding the log's signing key (made by <c>oversight log key create</c>); without it no checkpoint is signed.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The log's origin; must equal the signing key's name when both are given.</summary>
    /// <value>Default: the signing key's name.</value>
    public string? Origin { get; init; }

    /// <summary>The shortest time between two checkpoints under load; when idle a new entry is checkpointed at once.</summary>
    /// <value>Default 2 seconds.</value>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Verifier keys (type 0x04) of the witnesses whose cosignatures the log accepts and serves.</summary>
    public IReadOnlyList<string> WitnessKeys { get; init; } = [];

    /// <summary>When set, this service also witnesses another log: its URL.</summary>
    public string? WitnessOf { get; init; }

    /// <summary>The cosignature key file for witnessing <see cref="WitnessOf"/>.</summary>
    public string? WitnessKeyFile { get; init; }

    /// <summary>Where the witness keeps the last checkpoint it cosigned.</summary>
    public string? WitnessState { get; init; }
}
