using System.Collections.Frozen;
using Oversight.Requests;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

public static partial class PolicyLoader
{
    private static readonly string[] CommonKeys = ["id", "kind", "action", "note"];

    /// <summary>The keys each rule kind takes besides id, kind, action and note.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> KindKeys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["max-area"] = ["limit"],
        ["min-area"] = ["limit"],
        ["max-window"] = ["limit"],
        ["min-window"] = ["limit"],
        ["max-lookback"] = ["limit"],
        ["no-future-window"] = [],
        ["required"] = ["field"],
        ["min-length"] = ["field", "limit"],
        ["allowed-values"] = ["field", "values"],
        ["forbidden-terms"] = ["field", "terms"],
        ["max-requests"] = ["per", "limit", "period"],
        ["max-total-area"] = ["per", "limit", "period"],
        ["max-total-window"] = ["per", "limit", "period"],
        ["within-boundary"] = ["boundary"],
        ["vague-reason"] = ["phrases"],
        ["max-breadth"] = ["of", "limit"],
        ["breadth-requires"] = ["above", "fields"],
        ["max-timeframe"] = ["limit"],
        ["pii-in-reason"] = [],
    };

    /// <summary>Keys a rule kind may take but need not.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> OptionalKindKeys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["forbidden-terms"] = ["match"],
        ["vague-reason"] = ["field", "maxEdits", "filler"],
        ["breadth-requires"] = ["of"],
        ["pii-in-reason"] = ["field", "patterns"],
    };

    /// <summary>The rule kinds each subject takes.</summary>
    internal static readonly IReadOnlyDictionary<PolicySubject, string[]> SubjectKinds = new Dictionary<PolicySubject, string[]>
    {
        [PolicySubject.FootageRequests] =
        [
            "max-area", "min-area", "max-window", "min-window", "max-lookback", "no-future-window", "required", "min-length",
            "allowed-values", "forbidden-terms", "max-requests", "max-total-area", "max-total-window", "within-boundary",
        ],
        [PolicySubject.AlprSearches] =
        [
            "required", "min-length", "allowed-values", "forbidden-terms", "vague-reason", "max-breadth", "breadth-requires",
            "max-timeframe", "max-lookback", "pii-in-reason", "max-requests",
        ],
    };

    private static List<Rule> ReadRules(YamlNode node, YamlNodes nodes, string baseDirectory, PolicySubject subject)
    {
        var rules = new List<Rule>();
        if (node is not YamlSequenceNode sequence)
        {
            nodes.Problem(node, "rules must be a list of rules");
            return rules;
        }

        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                nodes.Problem(item, "each rule is a mapping with id and kind");
                continue;
            }

            // Ids are checked for repeats even when a rule fails to build, so both problems show.
            var duplicate = false;
            if (mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: "id" }).Value is YamlScalarNode { Value: { } id }
                && !firstLine.TryAdd(id, mapping.Start.Line))
            {
                nodes.Problem(mapping, $"rule id '{id}' is already used on line {firstLine[id]}");
                duplicate = true;
            }

            if (ReadRule(mapping, nodes, baseDirectory, subject) is { } rule && !duplicate)
            {
                rules.Add(rule with { Line = (int)mapping.Start.Line });
            }
        }

        return rules;
    }

    private static Rule? ReadRule(YamlMappingNode mapping, YamlNodes nodes, string baseDirectory, PolicySubject subject)
    {
        var kindNode = mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: "kind" }).Value;
        var kind = kindNode is YamlScalarNode { Value: { } k } ? k : null;
        string[] allowed = kind is not null && KindKeys.TryGetValue(kind, out var extra)
            ? [.. CommonKeys, .. extra, .. OptionalKindKeys.GetValueOrDefault(kind, [])]
            : [.. CommonKeys, .. KindKeys.Values.SelectMany(k => k).Concat(OptionalKindKeys.Values.SelectMany(k => k)).Distinct(StringComparer.Ordinal)];
        var what = kind is null ? "a rule" : English.A($"{kind} rule");
        var entries = nodes.Entries(mapping, what, allowed);

        string? id = null;
        if (!entries.TryGetValue("id", out var idNode))
        {
            nodes.Problem(mapping, "rule has no id");
        }
        else if ((id = nodes.Text(idNode.Value, "id")) is not null && !RuleId().IsMatch(id))
        {
            nodes.Problem(idNode.Value, $"rule id '{id}' may hold only letters, digits, '.', '_' and '-'");
            id = null;
        }

        if (kindNode is null)
        {
            nodes.Problem(mapping, $"rule{(id is null ? string.Empty : $" '{id}'")} has no kind; expected one of {string.Join(", ", SubjectKinds[subject])}");
            return null;
        }

        var kinds = SubjectKinds[subject];
        if (kind is null || !KindKeys.ContainsKey(kind))
        {
            nodes.Problem(kindNode, $"unknown rule kind '{kind}'; expected one of {string.Join(", ", kinds)}");
            return null;
        }

        if (!kinds.Contains(kind))
        {
            nodes.Problem(kindNode, $"rule kind '{kind}' does not apply to {SubjectName(subject)}; the kinds for {SubjectName(subject)} are {string.Join(", ", kinds)}");
            return null;
        }

        var action = RuleAction.Deny;
        if (entries.TryGetValue("action", out var actionNode))
        {
            action = ReadAction(actionNode.Value, nodes, allowWarn: true) ?? RuleAction.Deny;
        }

        foreach (var key in KindKeys[kind])
        {
            if (!entries.ContainsKey(key))
            {
                nodes.Problem(mapping, $"{what}{(id is null ? string.Empty : $" ('{id}')")} needs '{key}'");
            }
        }

        // Build even without a usable id so that every problem in the rule is reported at once.
        var rule = Build(kind, id ?? "?", action, entries, nodes, baseDirectory, subject);
        return id is null ? null : rule;
    }

    private static Rule? Build(string kind, string id, RuleAction action, Dictionary<string, (YamlNode Key, YamlNode Value)> e, YamlNodes nodes, string baseDirectory, PolicySubject subject)
    {
        YamlNode? Get(string key) => e.TryGetValue(key, out var entry) ? entry.Value : null;
        Quantity? Area() => Get("limit") is { } n ? nodes.Quantity(n, Dimension.Area, "limit") : null;
        Quantity? Duration(string key) => Get(key) is { } n ? nodes.Quantity(n, Dimension.Duration, key) : null;
        RequestField? Field() => Get("field") is { } n ? ReadField(n, nodes, subject) : null;

        switch (kind)
        {
            case "max-area":
                return Area() is { } maxArea ? new MaxAreaRule(id, action, maxArea) : null;
            case "min-area":
                return Area() is { } minArea ? new MinAreaRule(id, action, minArea) : null;
            case "max-window":
                return Duration("limit") is { } maxWindow ? new MaxWindowRule(id, action, maxWindow) : null;
            case "min-window":
                return Duration("limit") is { } minWindow ? new MinWindowRule(id, action, minWindow) : null;
            case "max-lookback":
                return Duration("limit") is { } lookback ? new MaxLookbackRule(id, action, lookback) : null;
            case "no-future-window":
                return new NoFutureWindowRule(id, action);
            case "required":
                return Field() is { } required ? new RequiredRule(id, action, required) : null;
            case "min-length":
            {
                var field = Field();
                var limit = Get("limit") is { } n ? nodes.Integer(n, "limit") : null;
                return field is { } f && limit is { } l ? new MinLengthRule(id, action, f, l) : null;
            }

            case "allowed-values":
            {
                var field = Field();
                var values = Get("values") is { } n ? nodes.Texts(n, "values") : null;
                if (field == RequestField.LegalBasis && values is not null)
                {
                    foreach (var value in values.Where(v => !LegalBasisNames.TryParse(v, out _)))
                    {
                        nodes.Problem(Get("values")!, $"'{value}' is not a legalBasis; expected one of {string.Join(", ", LegalBasisNames.All)}");
                    }
                }

                return field is { } f && values is not null ? new AllowedValuesRule(id, action, f, values.ToFrozenSet(StringComparer.OrdinalIgnoreCase)) : null;
            }

            case "forbidden-terms":
            {
                var field = Field();
                var terms = Get("terms") is { } n ? nodes.Texts(n, "terms") : null;
                var match = Get("match") is { } m ? ReadMatch(m, nodes) : TermMatch.Inflections;
                return field is { } f && terms is not null && match is { } how ? new ForbiddenTermsRule(id, action, f, new TermMatcher(terms, how)) : null;
            }

            case "max-requests":
            {
                var per = ReadPer(Get("per"), nodes, allowArea: subject == PolicySubject.FootageRequests);
                var limit = Get("limit") is { } n ? nodes.Integer(n, "limit") : null;
                var period = Period(Get("period"), nodes);
                return per is { } p && limit is { } l && period is { } t ? new MaxRequestsRule(id, action, p, l, t) : null;
            }

            case "max-total-area":
            {
                var per = ReadPer(Get("per"), nodes, allowArea: false);
                var limit = Area();
                var period = Period(Get("period"), nodes);
                return per is { } p && limit is { } l && period is { } t ? new MaxTotalAreaRule(id, action, p, l, t) : null;
            }

            case "max-total-window":
            {
                var per = ReadPer(Get("per"), nodes, allowArea: false);
                var limit = Duration("limit");
                var period = Period(Get("period"), nodes);
                return per is { } p && limit is { } l && period is { } t ? new MaxTotalWindowRule(id, action, p, l, t) : null;
            }

            case "within-boundary":
                return Get("boundary") is { } b && nodes.Text(b, "boundary") is { } path
                    ? BoundaryFile.Load(id, action, path, baseDirectory, b, nodes)
                    : null;
            case "vague-reason" or "max-breadth" or "breadth-requires" or "max-timeframe" or "pii-in-reason":
                return BuildSearchRule(kind, id, action, Get, nodes, subject);
            default:
                throw new InvalidOperationException($"Rule kind '{kind}' is listed but not built.");
        }
    }

    private static Quantity? Period(YamlNode? node, YamlNodes nodes)
    {
        if (node is null || nodes.Quantity(node, Dimension.Duration, "period") is not { } period)
        {
            return null;
        }

        if (period.BaseValue <= 0)
        {
            nodes.Problem(node, "period must be longer than zero");
            return null;
        }

        return period;
    }

    private static TermMatch? ReadMatch(YamlNode node, YamlNodes nodes)
    {
        switch (nodes.Text(node, "match"))
        {
            case null: return null;
            case "inflections": return TermMatch.Inflections;
            case "words": return TermMatch.Words;
            case var other:
                nodes.Problem(node, $"unknown match '{other}'; expected inflections (the default: a term and its English forms) or words (whole words only)");
                return null;
        }
    }

    internal static RuleAction? ReadAction(YamlNode node, YamlNodes nodes, bool allowWarn)
    {
        var text = nodes.Text(node, "action");
        switch (text)
        {
            case null: return null;
            case "deny": return RuleAction.Deny;
            case "review": return RuleAction.Review;
            case "warn" when allowWarn: return RuleAction.Warn;
            default:
                nodes.Problem(node, $"unknown action '{text}'; expected {(allowWarn ? "deny, review or warn" : "deny or review")}");
                return null;
        }
    }

    internal static RequestField? ReadField(YamlNode node, YamlNodes nodes, PolicySubject subject)
    {
        if (nodes.Text(node, "field") is not { } name)
        {
            return null;
        }

        var fields = subject == PolicySubject.AlprSearches ? RequestFieldNames.Searches : RequestFieldNames.Footage;
        if (RequestFieldNames.TryParse(name, out var field) && fields.Contains(field))
        {
            return field;
        }

        var what = subject == PolicySubject.AlprSearches ? "search field" : "request field";
        nodes.Problem(node, $"unknown {what} '{name}'; expected one of {string.Join(", ", fields.Select(f => f.Name()))}");
        return null;
    }

    /// <summary>"footage requests" or "ALPR searches (subject: alpr-searches)".</summary>
    internal static string SubjectName(PolicySubject subject) =>
        subject == PolicySubject.AlprSearches ? "ALPR searches (subject: alpr-searches)" : "footage requests (subject: footage-requests)";

    private static CountKey? ReadPer(YamlNode? node, YamlNodes nodes, bool allowArea)
    {
        if (node is null || nodes.Text(node, "per") is not { } text)
        {
            return null;
        }

        switch (text)
        {
            case "agency": return CountKey.Agency;
            case "requester": return CountKey.Requester;
            case "case": return CountKey.Case;
            case "area" when allowArea: return CountKey.Area;
            default:
                nodes.Problem(node, $"unknown per '{text}'; expected {(allowArea ? "agency, requester, case or area" : "agency, requester or case")}");
                return null;
        }
    }
}
