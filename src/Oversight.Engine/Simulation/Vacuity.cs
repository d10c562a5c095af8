using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Simulation;

/// <summary>
/// Rules that no valid request can violate: a request is only a request once it has an agency, a
/// requester, an id, a legal basis that is consent, warrant or exigent, a window that ends after it
/// starts and an area; a rule asking for less than that asks for nothing. Such a rule is the same as
/// no rule when policies are compared.
/// </summary>
internal static class Vacuity
{
    /// <summary>Fields every valid request has, with the shortest length each can have (trimmed).</summary>
    private static readonly Dictionary<RequestField, int> AlwaysPresent = new()
    {
        [RequestField.Id] = 1,
        [RequestField.Agency] = 1,
        [RequestField.Requester] = 1,
        [RequestField.LegalBasis] = LegalBasisNames.All.Min(n => n.Length),
    };

    public static bool NeverViolated(Rule rule) => Why(rule).Length > 0;

    /// <summary>The reason the rule cannot be violated, or empty when some valid request violates it.</summary>
    public static string Why(Rule rule) => rule switch
    {
        RequiredRule r when AlwaysPresent.ContainsKey(r.Field) => $"every valid request has {r.Field.Name()}",
        MinLengthRule m when m.Limit <= 0 => "a length is never below zero",
        MinLengthRule m when AlwaysPresent.TryGetValue(m.Field, out var shortest) && m.Limit <= shortest =>
            $"{m.Field.Name()} is always at least {shortest} characters long",
        AllowedValuesRule v when v.Field == RequestField.LegalBasis && LegalBasisNames.All.All(v.Values.Contains) =>
            $"it allows every legalBasis: {string.Join(", ", LegalBasisNames.All)}",
        MinAreaRule m when m.Limit.BaseValue <= 0 => "an area is never below zero",
        MinWindowRule m when m.Limit.BaseValue <= 0 => "a window always ends after it starts",
        _ => string.Empty,
    };
}
