using Oversight.Requests;
using Oversight.Searches.Reasons;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

public static partial class PolicyLoader
{
    /// <summary>The kinds only ALPR search policies take: vague-reason, max-breadth, breadth-requires, max-timeframe, pii-in-reason.</summary>
    private static Rule? BuildSearchRule(string kind, string id, RuleAction action, Func<string, YamlNode?> get, YamlNodes nodes, PolicySubject subject)
    {
        var field = get("field") is { } f ? ReadField(f, nodes, subject) : RequestField.Reason;
        switch (kind)
        {
            case "vague-reason":
            {
                var phrases = get("phrases") is { } p ? nodes.Texts(p, "phrases") : null;
                var maxEdits = get("maxEdits") is { } m ? nodes.Integer(m, "maxEdits") : 2;
                if (maxEdits > 3)
                {
                    nodes.Problem(get("maxEdits")!, $"maxEdits may be at most 3, not {maxEdits}: beyond it unrelated words match");
                    maxEdits = null;
                }

                var filler = get("filler") is { } w ? nodes.Texts(w, "filler") : [.. ReasonWords.DefaultFiller];
                if (phrases is null || maxEdits is null || filler is null || field is null)
                {
                    return null;
                }

                var matcher = new VaguePhrases(phrases, maxEdits.Value, filler);
                foreach (var phrase in matcher.FillerOnly)
                {
                    nodes.Warning(get("phrases")!, $"rule '{id}': the phrase '{phrase}' is only filler words; a reason made only of filler is vague without it");
                }

                return new VagueReasonRule(id, action, field.Value, matcher);
            }

            case "max-breadth":
            {
                var of = ReadBreadth(get("of"), nodes);
                var most = get("limit") is { } l ? nodes.Integer(l, "limit") : null;
                return of is { } o && most is { } n ? new MaxBreadthRule(id, action, o, n) : null;
            }

            case "breadth-requires":
            {
                var of = get("of") is { } node ? ReadBreadth(node, nodes) : Breadth.Cameras;
                var above = get("above") is { } a ? nodes.Integer(a, "above") : null;
                var fields = get("fields") is { } list ? nodes.Texts(list, "fields", scalarAllowed: true) : null;
                var read = new List<RequestField>();
                foreach (var name in fields ?? [])
                {
                    if (!RequestFieldNames.TryParse(name, out var each) || each is not (RequestField.CaseNumber or RequestField.OffenseType or RequestField.SearchType))
                    {
                        nodes.Problem(get("fields")!, $"'{name}' cannot show why a wide search was needed; expected caseNumber, offenseType or searchType");
                        fields = null;
                        continue;
                    }

                    read.Add(each);
                }

                return of is { } o && above is { } n && fields is not null ? new BreadthRequiresRule(id, action, o, n, read) : null;
            }

            case "max-timeframe":
                return get("limit") is { } t && nodes.Quantity(t, Dimension.Duration, "limit") is { } span ? new MaxTimeframeRule(id, action, span) : null;

            case "pii-in-reason":
            {
                var kinds = PiiKinds.All;
                if (get("patterns") is { } p)
                {
                    kinds = PiiKinds.None;
                    foreach (var name in nodes.Texts(p, "patterns") ?? [])
                    {
                        switch (name)
                        {
                            case "plate": kinds |= PiiKinds.Plate; break;
                            case "date-of-birth": kinds |= PiiKinds.DateOfBirth; break;
                            default:
                                nodes.Problem(p, $"unknown pattern '{name}'; expected plate or date-of-birth");
                                return null;
                        }
                    }
                }

                return field is { } f2 && kinds != PiiKinds.None ? new PiiInReasonRule(id, action, f2, kinds) : null;
            }

            default:
                throw new InvalidOperationException($"Rule kind '{kind}' is not a search kind.");
        }
    }

    private static Breadth? ReadBreadth(YamlNode? node, YamlNodes nodes)
    {
        if (node is null)
        {
            return null;
        }

        switch (nodes.Text(node, "of"))
        {
            case null: return null;
            case "cameras": return Breadth.Cameras;
            case "networks": return Breadth.Networks;
            case var other:
                nodes.Problem(node, $"unknown breadth '{other}'; expected cameras (the devices searched) or networks (the agencies' networks searched)");
                return null;
        }
    }
}
