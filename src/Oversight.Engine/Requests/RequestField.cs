namespace Oversight.Requests;

/// <summary>The text fields of a record that policy rules and exemptions can name.</summary>
/// <remarks>
/// Footage requests have id, agency, requester, caseNumber, incidentType, description and
/// legalBasis; ALPR searches have id, agency, requester, reason, caseNumber, offenseType and
/// searchType. A policy names only the fields of its subject.
/// </remarks>
public enum RequestField
{
    Id,
    Agency,
    Requester,
    CaseNumber,
    IncidentType,
    Description,
    LegalBasis,
    Reason,
    OffenseType,
    SearchType,
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
        ["reason"] = RequestField.Reason,
        ["offenseType"] = RequestField.OffenseType,
        ["searchType"] = RequestField.SearchType,
    };

    /// <summary>The fields of a footage request.</summary>
    public static readonly IReadOnlyList<RequestField> Footage =
        [RequestField.Id, RequestField.Agency, RequestField.Requester, RequestField.CaseNumber, RequestField.IncidentType, RequestField.Description, RequestField.LegalBasis];

    /// <summary>The fields of an ALPR search.</summary>
    public static readonly IReadOnlyList<RequestField> Searches =
        [RequestField.Id, RequestField.Agency, RequestField.Requester, RequestField.Reason, RequestField.CaseNumber, RequestField.OffenseType, RequestField.SearchType];

    /// <summary>The names of a footage request's fields.</summary>
    public static IEnumerable<string> All => Footage.Select(Name);

    public static bool TryParse(string name, out RequestField field) => ByName.TryGetValue(name, out field);

    public static string Name(this RequestField field) => ByName.First(pair => pair.Value == field).Key;
}
