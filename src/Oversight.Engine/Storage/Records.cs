namespace Oversight.Storage;

/// <summary>Work asked for through the API and done by a background job: a simulation or a report.</summary>
public interface IQueuedWorkRecord
{
    string Id { get; }

    /// <summary>queued, running, done or failed.</summary>
    string Status { get; set; }

    long? FinishedAtTicks { get; set; }

    /// <summary>Why it failed, when it did.</summary>
    string? Error { get; set; }
}

/// <summary>
/// One entry of the append-only decision log (the transparency log's leaf <see cref="Sequence"/> − 1):
/// the request and the decision as canonical JSON and when they were recorded, whose entry bytes
/// (<see cref="Oversight.Log.LogEntry"/>) hash to <see cref="LeafHash"/>. The other columns are
/// copies of what the entry says, for queries, and are checked against it.
/// </summary>
public sealed class DecisionRecord
{
    /// <summary>Position in the log, from 1, in the order entries were appended.</summary>
    public long Sequence { get; set; }

    /// <summary>Position among the same agency's entries, from 1: what an agency is shown instead of <see cref="Sequence"/>, which would tell it how many requests other agencies made.</summary>
    public long AgencySequence { get; set; }

    /// <summary>The request's id, unique within its agency (two agencies may use the same id).</summary>
    public required string RequestId { get; set; }

    public required string Agency { get; set; }

    public required string Requester { get; set; }

    public string? CaseNumber { get; set; }

    /// <summary>submittedAt in UTC ticks, for ordering and period queries on every provider.</summary>
    public long SubmittedAtTicks { get; set; }

    /// <summary>allow, review or deny.</summary>
    public required string Outcome { get; set; }

    public required string PolicyId { get; set; }

    public required string PolicyVersion { get; set; }

    public required string PolicySha256 { get; set; }

    public required string RequestJson { get; set; }

    public required string DecisionJson { get; set; }

    /// <summary>SHA-256(0x00 ‖ entry bytes): the entry's leaf in the Merkle tree. Null only for an entry from before the tree, until it is imported at start.</summary>
    public byte[]? LeafHash { get; set; }

    /// <summary>The hash chain of logs recorded before the Merkle tree: verified once when such a log is imported, null for later entries.</summary>
    public string? PreviousHash { get; set; }

    /// <inheritdoc cref="PreviousHash"/>
    public string? Hash { get; set; }

    /// <summary>When the service recorded the entry (UTC ticks).</summary>
    public long RecordedAtTicks { get; set; }
}

/// <summary>An API key, stored only as the SHA-256 of the secret.</summary>
public sealed class ApiKeyRecord
{
    public long Id { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public required string KeyHash { get; set; }

    /// <summary>agency, auditor, council or admin.</summary>
    public required string Role { get; set; }

    /// <summary>The agency an agency key acts for; null for other roles.</summary>
    public string? Agency { get; set; }

    public string? Name { get; set; }

    public long CreatedAtTicks { get; set; }

    public bool Revoked { get; set; }

    /// <summary>When the key was revoked (UTC ticks); null while it is valid.</summary>
    public long? RevokedAtTicks { get; set; }

    /// <summary>When the key last authenticated a call (UTC ticks, to the minute); null if never.</summary>
    public long? LastUsedAtTicks { get; set; }
}

/// <summary>The result of one verification of the decision log.</summary>
public sealed class AuditRunRecord
{
    public long Id { get; set; }

    public long RanAtTicks { get; set; }

    public bool Intact { get; set; }

    public long Entries { get; set; }

    /// <summary>The first entry whose hash does not match; null when intact.</summary>
    public long? FirstBadSequence { get; set; }

    /// <summary>The last entry's sequence when the run was made.</summary>
    public long HeadSequence { get; set; }

    /// <summary>The last entry's hash when the run was made: a later rewrite of the chain up to here is detected against it.</summary>
    public string? HeadHash { get; set; }

    public required string Message { get; set; }
}

/// <summary>A simulation asked for through the API: its inputs, state and result.</summary>
public sealed class SimulationRecord : IQueuedWorkRecord
{
    public required string Id { get; set; }

    /// <summary>queued, running, done or failed.</summary>
    public required string Status { get; set; }

    public long CreatedAtTicks { get; set; }

    public long? FinishedAtTicks { get; set; }

    public required string BaselinePolicyId { get; set; }

    public required string CandidateYaml { get; set; }

    public required string Period { get; set; }

    public long FromTicks { get; set; }

    public long ToTicks { get; set; }

    /// <summary>Requests in the period.</summary>
    public int Requests { get; set; }

    public string? ResultJson { get; set; }

    public string? Error { get; set; }
}

/// <summary>A finding of the detection job, kept until a later run no longer finds it.</summary>
public sealed class FindingRecord
{
    /// <summary>The finding's stable id.</summary>
    public required string Id { get; set; }

    public required string Kind { get; set; }

    public required string Severity { get; set; }

    public required string Agency { get; set; }

    public long FirstSubmittedAtTicks { get; set; }

    public long LastSubmittedAtTicks { get; set; }

    public int RequestCount { get; set; }

    /// <summary>The finding as written by FindingsJson.</summary>
    public required string Json { get; set; }

    /// <summary>The policy whose thresholds found it.</summary>
    public required string PolicyId { get; set; }

    public long DetectedAtTicks { get; set; }
}

/// <summary>A detection run: when, over how much, and the decision log's head it saw.</summary>
public sealed class DetectionRunRecord
{
    public long Id { get; set; }

    public long RanAtTicks { get; set; }

    /// <summary>full or incremental.</summary>
    public required string Mode { get; set; }

    /// <summary>The last decision-log entry the run included.</summary>
    public long HeadSequence { get; set; }

    public int Requests { get; set; }

    public int Findings { get; set; }

    public int Added { get; set; }

    public int Removed { get; set; }

    public long ElapsedMilliseconds { get; set; }
}

/// <summary>A transparency report asked for through the API or made by the quarterly job.</summary>
public sealed class ReportRecord : IQueuedWorkRecord
{
    public required string Id { get; set; }

    /// <summary>queued, running, done or failed.</summary>
    public required string Status { get; set; }

    /// <summary>The period as written: 2026Q3, 2026-08 or 2026.</summary>
    public required string Period { get; set; }

    public required string PolicyId { get; set; }

    /// <summary>True when the report carries row-level sheets for auditors.</summary>
    public bool Internal { get; set; }

    public long CreatedAtTicks { get; set; }

    public long? FinishedAtTicks { get; set; }

    /// <summary>sha256 of the input the report was made from.</summary>
    public string? InputSha256 { get; set; }

    /// <summary>Requests submitted in the period.</summary>
    public int Requests { get; set; }

    public byte[]? Pdf { get; set; }

    public byte[]? Xlsx { get; set; }

    /// <summary>The report as one accessible web page (UTF-8).</summary>
    public byte[]? Html { get; set; }

    public string? Error { get; set; }
}

/// <summary>A signed tree head of the decision log: a C2SP checkpoint note, as signed by the log.</summary>
public sealed class CheckpointRecord
{
    public long Id { get; set; }

    /// <summary>Entries the checkpoint covers.</summary>
    public long TreeSize { get; set; }

    /// <summary>The root hash, base64.</summary>
    public required string RootHash { get; set; }

    /// <summary>The whole signed note (checkpoint text, blank line, the log's signature line).</summary>
    public required string Note { get; set; }

    public long SignedAtTicks { get; set; }
}

/// <summary>A witness's cosignature of a checkpoint: one more signature line for that note.</summary>
public sealed class CosignatureRecord
{
    public long Id { get; set; }

    public long TreeSize { get; set; }

    public required string KeyName { get; set; }

    /// <summary>The key's 32-bit id.</summary>
    public long KeyId { get; set; }

    /// <summary>The signature line, as the note writes it.</summary>
    public required string Line { get; set; }

    /// <summary>When the witness says it cosigned (the cosignature's timestamp).</summary>
    public long CosignedAtTicks { get; set; }

    public long ReceivedAtTicks { get; set; }
}

/// <summary>One disposition of a finding: appended, never changed; the latest per finding counts.</summary>
public sealed class FindingDispositionRecord
{
    public long Id { get; set; }

    public required string FindingId { get; set; }

    /// <summary>acknowledged, referred, expected or confirmed-violation.</summary>
    public required string Disposition { get; set; }

    public string? Note { get; set; }

    /// <summary>The name of the API key (or the person named offline) that recorded it.</summary>
    public required string By { get; set; }

    public long AtTicks { get; set; }
}

/// <summary>Staff notes for a reporting period (YAML as given); appended, the latest per period counts.</summary>
public sealed class ReportNotesRecord
{
    public long Id { get; set; }

    /// <summary>The period as written: 2026Q3, 2026-08 or 2026.</summary>
    public required string Period { get; set; }

    public required string Yaml { get; set; }

    public required string Sha256 { get; set; }

    public required string By { get; set; }

    public long AtTicks { get; set; }
}
