using System.Collections.Frozen;
using Oversight.Requests;
using Oversight.Text;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

public static partial class PolicyLoader
{
    private static List<Exemption> ReadExemptions(YamlNode node, YamlNodes nodes, List<Rule> rules, PolicySubject subject)
    {
        var exemptions = new List<Exemption>();
        if (node is not YamlSequenceNode sequence)
        {
            nodes.Problem(node, "exemptions must be a list");
            return exemptions;
        }

        var ruleIds = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                nodes.Problem(item, "each exemption is a mapping with id, when and waive or action");
                continue;
            }

            var entries = nodes.Entries(mapping, "an exemption", ["id", "when", "waive", "action", "note"]);
            var id = entries.TryGetValue("id", out var idNode) ? nodes.Text(idNode.Value, "id") : null;
            if (!entries.ContainsKey("id"))
            {
                nodes.Problem(mapping, "exemption has no id");
            }
            else if (id is not null && !ids.Add(id))
            {
                nodes.Problem(idNode.Value, $"exemption id '{id}' is used twice");
            }

            var when = entries.TryGetValue("when", out var whenNode) ? ReadConditions(whenNode.Value, nodes, subject) : null;
            if (!entries.ContainsKey("when"))
            {
                nodes.Problem(mapping, "exemption needs 'when': the request fields it applies to");
            }

            var waive = new List<string>();
            if (entries.TryGetValue("waive", out var waiveNode) && nodes.Texts(waiveNode.Value, "waive") is { } waived)
            {
                foreach (var ruleId in waived)
                {
                    if (!ruleIds.Contains(ruleId))
                    {
                        nodes.Problem(waiveNode.Value, $"waive names rule '{ruleId}', which the policy does not have");
                    }
                }

                waive = waived;
            }

            var action = entries.TryGetValue("action", out var actionNode) ? ReadAction(actionNode.Value, nodes, allowWarn: false) : null;
            if (!entries.ContainsKey("waive") && !entries.ContainsKey("action"))
            {
                nodes.Problem(mapping, "exemption does nothing: give it 'waive' (rule ids) or 'action' (review or deny)");
            }

            if (id is not null && when is not null)
            {
                exemptions.Add(new Exemption(id, when, waive.ToFrozenSet(StringComparer.Ordinal), action));
            }
        }

        return exemptions;
    }

    private static List<ExemptionCondition>? ReadConditions(YamlNode node, YamlNodes nodes, PolicySubject subject)
    {
        if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            nodes.Problem(node, "when must map request fields to a value or a list of values");
            return null;
        }

        var conditions = new List<ExemptionCondition>();
        var ok = true;
        foreach (var (key, value) in mapping.Children)
        {
            var field = ReadField(key, nodes, subject);
            var values = nodes.Texts(value, "a when value", scalarAllowed: true);
            if (field == RequestField.LegalBasis && values is not null)
            {
                foreach (var bad in values.Where(v => !LegalBasisNames.TryParse(v, out _)))
                {
                    nodes.Problem(value, $"'{bad}' is not a legalBasis; expected one of {string.Join(", ", LegalBasisNames.All)}");
                    ok = false;
                }
            }

            if (field is { } f && values is not null)
            {
                conditions.Add(new ExemptionCondition(f, values.Select(TextFold.Fold).ToFrozenSet(StringComparer.Ordinal)));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? conditions : null;
    }

    private static DetectionSettings ReadDetection(YamlNode node, YamlNodes nodes)
    {
        var settings = new DetectionSettings();
        if (node is not YamlMappingNode mapping)
        {
            nodes.Problem(node, "detection must be a mapping of detector names to thresholds");
            return settings;
        }

        var sections = nodes.Entries(mapping, "detection", ["split", "track", "persistent", "fanout", "rate", "streak", "offHours", "vague", "breadth", "plate"]);
        Dictionary<string, (YamlNode Key, YamlNode Value)> Section(string name, string[] keys)
        {
            if (!sections.TryGetValue(name, out var entry))
            {
                return [];
            }

            if (entry.Value is YamlMappingNode m)
            {
                return nodes.Entries(m, $"detection.{name}", keys);
            }

            nodes.Problem(entry.Value, $"detection.{name} must be a mapping");
            return [];
        }

        double Num(Dictionary<string, (YamlNode Key, YamlNode Value)> s, string key, double fallback) =>
            s.TryGetValue(key, out var e) ? nodes.Number(e.Value, key) ?? fallback : fallback;
        int Int(Dictionary<string, (YamlNode Key, YamlNode Value)> s, string key, int fallback) =>
            s.TryGetValue(key, out var e) ? nodes.Integer(e.Value, key, minimum: 1) ?? fallback : fallback;

        var split = Section("split", ["withinHours", "nearMeters"]);
        var track = Section("track", ["minLinks", "maxGapMinutes", "minStepMeters", "maxStepMeters", "maxSpeedKmh"]);
        var persistent = Section("persistent", ["cellMeters", "minDays", "periodDays"]);
        double Share(Dictionary<string, (YamlNode Key, YamlNode Value)> s, string key, double fallback)
        {
            if (!s.TryGetValue(key, out var e) || nodes.Number(e.Value, key) is not { } share)
            {
                return fallback;
            }

            if (share > 1)
            {
                nodes.Problem(e.Value, $"{key} is a share from 0 to 1, not {share}");
                return fallback;
            }

            return share;
        }

        TimeOnly Clock(Dictionary<string, (YamlNode Key, YamlNode Value)> s, string key, TimeOnly fallback)
        {
            if (!s.TryGetValue(key, out var e))
            {
                return fallback;
            }

            if (e.Value is YamlScalarNode { Value: { } text }
                && TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time))
            {
                return time;
            }

            nodes.Problem(e.Value, $"{key} must be a local time of day such as \"01:00\"");
            return fallback;
        }

        var fanout = Section("fanout", ["minRequests", "minAreaSqMiles", "minDays"]);
        var rate = Section("rate", ["zScore", "pValue", "minExcess"]);
        var streak = Section("streak", ["minDays"]);
        var offHours = Section("offHours", ["from", "to", "minSearches", "minShare"]);
        var vague = Section("vague", ["maxShare", "minSearches"]);
        var breadth = Section("breadth", ["factor"]);
        var plate = Section("plate", ["minDays"]);
        settings = new DetectionSettings
        {
            SplitWithinHours = Num(split, "withinHours", settings.SplitWithinHours),
            SplitNearMeters = Num(split, "nearMeters", settings.SplitNearMeters),
            TrackMinLinks = Int(track, "minLinks", settings.TrackMinLinks),
            TrackMaxGapMinutes = Num(track, "maxGapMinutes", settings.TrackMaxGapMinutes),
            TrackMinStepMeters = Num(track, "minStepMeters", settings.TrackMinStepMeters),
            TrackMaxStepMeters = Num(track, "maxStepMeters", settings.TrackMaxStepMeters),
            TrackMaxSpeedKmh = Num(track, "maxSpeedKmh", settings.TrackMaxSpeedKmh),
            PersistentCellMeters = Num(persistent, "cellMeters", settings.PersistentCellMeters),
            PersistentMinDays = Int(persistent, "minDays", settings.PersistentMinDays),
            PersistentPeriodDays = Int(persistent, "periodDays", settings.PersistentPeriodDays),
            FanoutMinRequests = Int(fanout, "minRequests", settings.FanoutMinRequests),
            FanoutMinAreaSqMiles = Num(fanout, "minAreaSqMiles", settings.FanoutMinAreaSqMiles),
            RateZScore = Num(rate, "zScore", settings.RateZScore),
            RatePValue = Share(rate, "pValue", settings.RatePValue),
            RateMinExcess = Num(rate, "minExcess", settings.RateMinExcess),
            StreakMinDays = Int(streak, "minDays", settings.StreakMinDays),
            OffHoursFrom = Clock(offHours, "from", settings.OffHoursFrom),
            OffHoursTo = Clock(offHours, "to", settings.OffHoursTo),
            OffHoursMinSearches = Int(offHours, "minSearches", settings.OffHoursMinSearches),
            OffHoursMinShare = Share(offHours, "minShare", settings.OffHoursMinShare),
            VagueMaxShare = Share(vague, "maxShare", settings.VagueMaxShare),
            VagueMinSearches = Int(vague, "minSearches", settings.VagueMinSearches),
            FanoutMinDays = Int(fanout, "minDays", settings.FanoutMinDays),
            BreadthFactor = Num(breadth, "factor", settings.BreadthFactor),
            PlateMinDays = Int(plate, "minDays", settings.PlateMinDays),
        };
        if (settings.OffHoursFrom == settings.OffHoursTo && sections.TryGetValue("offHours", out var o))
        {
            nodes.Problem(o.Value, "detection.offHours.from and to are the same time: the span would be empty");
        }

        if (settings.TrackMinStepMeters > settings.TrackMaxStepMeters && sections.TryGetValue("track", out var t))
        {
            nodes.Problem(t.Value, "detection.track.minStepMeters is larger than maxStepMeters");
        }

        return settings;
    }

    private static RequestLimits ReadLimits(YamlNode node, YamlNodes nodes)
    {
        var limits = RequestLimits.Default;
        if (node is not YamlMappingNode mapping)
        {
            nodes.Problem(node, "limits must be a mapping (maxVertices, maxParts, maxExtentKm)");
            return limits;
        }

        var ceiling = RequestLimits.Ceiling;
        var entries = nodes.Entries(mapping, "limits", ["maxVertices", "maxParts", "maxExtentKm"]);
        int Whole(string key, int fallback, int most)
        {
            if (!entries.TryGetValue(key, out var e) || nodes.Integer(e.Value, key, minimum: 1) is not { } value)
            {
                return fallback;
            }

            if (value > most)
            {
                nodes.Problem(e.Value, $"{key} may be at most {most:N0}, not {value:N0}: beyond it one request could hold the gate");
                return fallback;
            }

            return value;
        }

        var extent = limits.MaxExtentKm;
        if (entries.TryGetValue("maxExtentKm", out var x) && nodes.Number(x.Value, "maxExtentKm") is { } km)
        {
            if (km > ceiling.MaxExtentKm)
            {
                nodes.Problem(x.Value, $"maxExtentKm may be at most {ceiling.MaxExtentKm:0}, not {km}");
            }
            else
            {
                extent = km;
            }
        }

        return new RequestLimits
        {
            MaxVertices = Whole("maxVertices", limits.MaxVertices, ceiling.MaxVertices),
            MaxParts = Whole("maxParts", limits.MaxParts, ceiling.MaxParts),
            MaxExtentKm = extent,
        };
    }

    private static ReportingSettings ReadReporting(YamlNode node, YamlNodes nodes)
    {
        if (node is not YamlMappingNode mapping)
        {
            nodes.Problem(node, "reporting must be a mapping");
            return new ReportingSettings();
        }

        var entries = nodes.Entries(mapping, "reporting", ["suppressBelow"]);
        return entries.TryGetValue("suppressBelow", out var e) && nodes.Integer(e.Value, "suppressBelow") is { } below
            ? new ReportingSettings { SuppressBelow = below }
            : new ReportingSettings();
    }

    /// <summary>Legal but probably unintended: reported as warnings, never as errors.</summary>
    private static void Lint(List<Rule> rules, List<Exemption> exemptions, YamlNodes nodes, YamlNode root)
    {
        void Conflict<TMin, TMax>(Func<TMin, double> min, Func<TMax, double> max, string what)
            where TMin : Rule
            where TMax : Rule
        {
            foreach (var floor in rules.OfType<TMin>())
            {
                foreach (var ceiling in rules.OfType<TMax>().Where(c => max(c) < min(floor)))
                {
                    nodes.Warning(root, $"rule '{floor.Id}' (line {floor.Line}) sets a {what} floor above the ceiling of rule '{ceiling.Id}' (line {ceiling.Line}): every request violates one of them");
                }
            }
        }

        Conflict<MinAreaRule, MaxAreaRule>(r => r.Limit.BaseValue, r => r.Limit.BaseValue, "area");
        Conflict<MinWindowRule, MaxWindowRule>(r => r.Limit.BaseValue, r => r.Limit.BaseValue, "window");
        foreach (var rule in rules.Where(r => r switch
        {
            MaxAreaRule a => a.Limit.Value == 0,
            MaxWindowRule w => w.Limit.Value == 0,
            MaxTotalAreaRule a => a.Limit.Value == 0,
            MaxTotalWindowRule w => w.Limit.Value == 0,
            _ => false,
        }))
        {
            nodes.Warning(root, $"rule '{rule.Id}' (line {rule.Line}) has limit 0: it is violated by every request");
        }

        foreach (var rule in rules.OfType<MaxRequestsRule>().Where(r => r.Limit == 0))
        {
            nodes.Warning(root, $"rule '{rule.Id}' (line {rule.Line}) has limit 0: it is violated by every request");
        }

        var byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var exemption in exemptions)
        {
            foreach (var id in exemption.Waive.Where(id => byId.TryGetValue(id, out var r) && r.Action == RuleAction.Warn))
            {
                nodes.Warning(root, $"exemption '{exemption.Id}' waives rule '{id}', whose action is warn: the waiver changes no decision");
            }
        }

        if (rules.Count == 0)
        {
            nodes.Warning(root, "the policy has no rules: every request is allowed");
        }
    }
}
