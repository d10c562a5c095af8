namespace Oversight.Requests;

/// <summary>A police request for residents' camera footage, validated and measured.</summary>
/// <remarks>Build one with <see cref="RequestJson"/>, <see cref="RequestCsv"/> or <see cref="RequestFile"/>; every instance has passed validation.</remarks>
public sealed record FootageRequest
{
    public required string Id { get; init; }

    public required string Agency { get; init; }

    public required string Requester { get; init; }

    public string? CaseNumber { get; init; }

    public string? IncidentType { get; init; }

    public string? Description { get; init; }

    /// <value>Defaults to <see cref="Requests.LegalBasis.Consent"/>.</value>
    public LegalBasis LegalBasis { get; init; } = LegalBasis.Consent;

    public required DateTimeOffset SubmittedAt { get; init; }

    public required TimeWindow Window { get; init; }

    public required RequestArea Area { get; init; }

    /// <summary>Hours between the start of the window and the submission (negative when the window starts later).</summary>
    public double LookbackHours => (SubmittedAt - Window.Start).TotalHours;

    /// <summary>The text of a named request field, or null when it is absent.</summary>
    public string? Text(RequestField field) => field switch
    {
        RequestField.Id => Id,
        RequestField.Agency => Agency,
        RequestField.Requester => Requester,
        RequestField.CaseNumber => CaseNumber,
        RequestField.IncidentType => IncidentType,
        RequestField.Description => Description,
        RequestField.LegalBasis => LegalBasis.Name(),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
