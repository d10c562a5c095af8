using Oversight.Requests;
using Oversight.Searches.Reasons;

namespace Oversight.Policies;

/// <summary>What a breadth rule counts: the cameras (devices) or the agencies' networks a search ran over.</summary>
public enum Breadth
{
    Cameras,
    Networks,
}

/// <summary>Violated when the whole reason, normalised, is only one of the vague phrases (or a misspelling or abbreviation of one).</summary>
public sealed record VagueReasonRule(string Id, RuleAction Action, RequestField Field, VaguePhrases Phrases) : Rule(Id, Action)
{
    public override string Kind => "vague-reason";

    public override RuleKind Code => RuleKind.VagueReason;
}

/// <summary>Violated when the search ran over more cameras (or networks) than the limit.</summary>
public sealed record MaxBreadthRule(string Id, RuleAction Action, Breadth Of, int Limit) : Rule(Id, Action)
{
    public override string Kind => "max-breadth";

    public override RuleKind Code => RuleKind.MaxBreadth;
}

/// <summary>Violated when the search ran over more than <see cref="Above"/> cameras (or networks) without any of the fields (a case number or a specific offense).</summary>
public sealed record BreadthRequiresRule(string Id, RuleAction Action, Breadth Of, int Above, IReadOnlyList<RequestField> Fields) : Rule(Id, Action)
{
    public override string Kind => "breadth-requires";

    public override RuleKind Code => RuleKind.BreadthRequires;
}

/// <summary>Violated when the time frame searched is longer than the limit.</summary>
public sealed record MaxTimeframeRule(string Id, RuleAction Action, Quantity Limit) : Rule(Id, Action)
{
    public override string Kind => "max-timeframe";

    public override RuleKind Code => RuleKind.MaxTimeframe;
}

/// <summary>Violated when the reason holds what looks like personal data: a licence plate, a date of birth.</summary>
public sealed record PiiInReasonRule(string Id, RuleAction Action, RequestField Field, PiiKinds Kinds) : Rule(Id, Action)
{
    public override string Kind => "pii-in-reason";

    public override RuleKind Code => RuleKind.PiiInReason;
}
