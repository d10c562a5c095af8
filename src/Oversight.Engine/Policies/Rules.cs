using System.Collections.Frozen;
using NetTopologySuite.Geometries.Prepared;
using Oversight.Requests;

namespace Oversight.Policies;

/// <summary>What a violated rule does to the decision.</summary>
public enum RuleAction
{
    /// <summary>The request is denied.</summary>
    Deny,

    /// <summary>The request needs a person's review.</summary>
    Review,

    /// <summary>Reported only; never changes the decision (shadow mode).</summary>
    Warn,
}

/// <summary>What a counting rule keys on.</summary>
public enum CountKey
{
    /// <summary>The agency.</summary>
    Agency,

    /// <summary>The requester within their agency.</summary>
    Requester,

    /// <summary>The place: prior areas that overlap this one with positive area, any agency.</summary>
    Area,

    /// <summary>The case number within its agency.</summary>
    Case,
}

/// <summary>The rule kinds of the policy format.</summary>
public enum RuleKind
{
    MaxArea,
    MinArea,
    MaxWindow,
    MinWindow,
    MaxLookback,
    NoFutureWindow,
    Required,
    MinLength,
    AllowedValues,
    ForbiddenTerms,
    MaxRequests,
    MaxTotalArea,
    MaxTotalWindow,
    WithinBoundary,
    VagueReason,
    MaxBreadth,
    BreadthRequires,
    MaxTimeframe,
    PiiInReason,
}

/// <summary>One rule of a policy. Every rule has an id unique in its policy, a kind and an action.</summary>
public abstract record Rule(string Id, RuleAction Action)
{
    /// <summary>The kind as written in the policy (<c>max-area</c>, …).</summary>
    public abstract string Kind { get; }

    /// <summary>The kind as a value, for dispatch.</summary>
    public abstract RuleKind Code { get; }

    /// <summary>1-based line of the rule in its policy file, for messages.</summary>
    public int Line { get; init; }
}

public sealed record MaxAreaRule(string Id, RuleAction Action, Quantity Limit) : Rule(Id, Action)
{
    public override string Kind => "max-area";

    public override RuleKind Code => RuleKind.MaxArea;
}

public sealed record MinAreaRule(string Id, RuleAction Action, Quantity Limit) : Rule(Id, Action)
{
    public override string Kind => "min-area";

    public override RuleKind Code => RuleKind.MinArea;
}

public sealed record MaxWindowRule(string Id, RuleAction Action, Quantity Limit) : Rule(Id, Action)
{
    public override string Kind => "max-window";

    public override RuleKind Code => RuleKind.MaxWindow;
}

public sealed record MinWindowRule(string Id, RuleAction Action, Quantity Limit) : Rule(Id, Action)
{
    public override string Kind => "min-window";

    public override RuleKind Code => RuleKind.MinWindow;
}

/// <summary>Violated when window.start is before submittedAt minus the limit.</summary>
public sealed record MaxLookbackRule(string Id, RuleAction Action, Quantity Limit) : Rule(Id, Action)
{
    public override string Kind => "max-lookback";

    public override RuleKind Code => RuleKind.MaxLookback;
}

/// <summary>Violated when window.end is after submittedAt.</summary>
public sealed record NoFutureWindowRule(string Id, RuleAction Action) : Rule(Id, Action)
{
    public override string Kind => "no-future-window";

    public override RuleKind Code => RuleKind.NoFutureWindow;
}

public sealed record RequiredRule(string Id, RuleAction Action, RequestField Field) : Rule(Id, Action)
{
    public override string Kind => "required";

    public override RuleKind Code => RuleKind.Required;
}

/// <summary>Violated when the trimmed field is shorter than the limit (a missing field has length 0).</summary>
public sealed record MinLengthRule(string Id, RuleAction Action, RequestField Field, int Limit) : Rule(Id, Action)
{
    public override string Kind => "min-length";

    public override RuleKind Code => RuleKind.MinLength;
}

/// <summary>Violated when the field is present and not one of the values (compared ignoring case).</summary>
public sealed record AllowedValuesRule(string Id, RuleAction Action, RequestField Field, FrozenSet<string> Values) : Rule(Id, Action)
{
    public override string Kind => "allowed-values";

    public override RuleKind Code => RuleKind.AllowedValues;
}

/// <summary>Violated when the field contains any of the terms as whole words, case-insensitive.</summary>
public sealed record ForbiddenTermsRule(string Id, RuleAction Action, RequestField Field, TermMatcher Matcher) : Rule(Id, Action)
{
    public override string Kind => "forbidden-terms";

    public override RuleKind Code => RuleKind.ForbiddenTerms;
}

/// <summary>Counting rule: at most <see cref="Limit"/> counted requests per key in any period, this one included.</summary>
public sealed record MaxRequestsRule(string Id, RuleAction Action, CountKey Per, int Limit, Quantity Period) : Rule(Id, Action)
{
    public override string Kind => "max-requests";

    public override RuleKind Code => RuleKind.MaxRequests;
}

/// <summary>Counting rule: the union of the key's areas in the period, this one included, stays within the limit.</summary>
public sealed record MaxTotalAreaRule(string Id, RuleAction Action, CountKey Per, Quantity Limit, Quantity Period) : Rule(Id, Action)
{
    public override string Kind => "max-total-area";

    public override RuleKind Code => RuleKind.MaxTotalArea;
}

/// <summary>Counting rule: the union of the key's windows in the period, this one included, stays within the limit.</summary>
public sealed record MaxTotalWindowRule(string Id, RuleAction Action, CountKey Per, Quantity Limit, Quantity Period) : Rule(Id, Action)
{
    public override string Kind => "max-total-window";

    public override RuleKind Code => RuleKind.MaxTotalWindow;
}

/// <summary>Violated when part of the area lies outside the boundary.</summary>
public sealed record WithinBoundaryRule(string Id, RuleAction Action, string BoundaryPath, IPreparedGeometry Boundary, string BoundarySha256) : Rule(Id, Action)
{
    public override string Kind => "within-boundary";

    public override RuleKind Code => RuleKind.WithinBoundary;
}
