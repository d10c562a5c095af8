using Oversight.Log;

namespace Oversight.Storage;

/// <summary>Checks that the columns kept beside a log entry say what the entry says: nothing unhashed may decide anything.</summary>
public static class LogRows
{
    /// <summary>The entry bytes of a row.</summary>
    public static byte[] Entry(DecisionRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return LogEntry.Bytes(row.RecordedAtTicks, row.RequestJson, row.DecisionJson);
    }

    /// <summary>
    /// The row that records a decision as entry <paramref name="sequence"/> of the log (the
    /// <paramref name="agencySequence"/>th of its agency's), recorded at <paramref name="recordedAtTicks"/>:
    /// the canonical request and decision JSON, their leaf hash, and the columns that copy what they say.
    /// </summary>
    public static DecisionRecord Create(Oversight.Gate.Decision decision, long sequence, long agencySequence, long recordedAtTicks)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var request = decision.Request;
        var policy = decision.Policy;
        var requestJson = Oversight.Requests.RequestJsonWriter.ToJson(request);
        var decisionJson = Oversight.Gate.DecisionJson.ToJson(decision);
        return new DecisionRecord
        {
            Sequence = sequence,
            AgencySequence = agencySequence,
            RequestId = request.Id,
            Agency = request.Agency,
            Requester = request.Requester,
            CaseNumber = request.CaseNumber,
            SubmittedAtTicks = request.SubmittedAt.UtcTicks,
            Outcome = Oversight.Gate.OutcomeNames.Name(decision.Outcome),
            PolicyId = policy.Id,
            PolicyVersion = policy.Version,
            PolicySha256 = policy.Sha256,
            RequestJson = requestJson,
            DecisionJson = decisionJson,
            LeafHash = LogEntry.LeafHash(recordedAtTicks, requestJson, decisionJson),
            RecordedAtTicks = recordedAtTicks,
        };
    }

    /// <summary>How a row is named in messages.</summary>
    public static string Describe(DecisionRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"request {row.RequestId} of {row.Agency}";
    }

    /// <summary>
    /// Every column of <paramref name="row"/> that disagrees with its entry bytes, as
    /// "column says X, the entry says Y"; empty when all agree.
    /// </summary>
    public static List<string> Disagreements(DecisionRecord row, LogEntryFields entry, long agencySequence)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(entry);
        var found = new List<string>();
        void Check<T>(string column, T stored, T truth)
        {
            if (!EqualityComparer<T>.Default.Equals(stored, truth))
            {
                found.Add($"its {column} column says '{stored}', the entry says '{truth}'");
            }
        }

        Check("RequestId", row.RequestId, entry.RequestId);
        Check("Agency", row.Agency, entry.Agency);
        Check("Requester", row.Requester, entry.Requester);
        Check("CaseNumber", row.CaseNumber, entry.CaseNumber);
        Check("SubmittedAtTicks", row.SubmittedAtTicks, entry.SubmittedAtTicks);
        Check("Outcome", row.Outcome, entry.Outcome);
        Check("PolicyId", row.PolicyId, entry.PolicyId);
        Check("PolicyVersion", row.PolicyVersion, entry.PolicyVersion);
        Check("PolicySha256", row.PolicySha256, entry.PolicySha256);
        Check("AgencySequence", row.AgencySequence, agencySequence);
        return found;
    }
}
