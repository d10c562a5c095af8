namespace Oversight.Requests;

/// <summary>The text fields of a request that policy rules and exemptions can name.</summary>
public enum RequestField
{
    Id,
    Agency,
    Requester,
    CaseNumber,
    IncidentType,
    Description,
    LegalBasis,
}

/// <summary>Field names as they appear in request JSON and in policies.</summary>
public static class RequestFieldNames
{
    private static readonly Dictionary<string, RequestField> ByName = new(StringComparer.Ordinal)
    {
        ["id"] = RequestField.Id,
        ["agency"] = RequestField.Agency,
        ["requester"] = RequestField.Requester,
        ["caseNumber"] = RequestField.CaseNumber,
        ["incidentType"] = RequestField.IncidentType,
        ["description"] = RequestField.Description,
        ["legalBasis"] = RequestField.LegalBasis,
    };

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string name, out RequestField field) => ByName.TryGetValue(name, out field);

    public static string Name(this RequestField field) => ByName.First(pair => pair.Value == field).Key;
}
