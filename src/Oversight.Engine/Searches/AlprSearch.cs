using Oversight.Requests;

namespace Oversight.Searches;

/// <summary>
/// One automated-licence-plate-reader search as an agency's audit export records it: who searched,
/// when, why, and how widely. A search already happened, so it is audited, never gated.
/// </summary>
/// <remarks>
/// A field that is null is one the export does not publish (no such column, or the cell is masked
/// with <c>***</c> or <c>REDACTED</c>); a rule that needs it reports "not published", never
/// "violated". An empty text is published and blank. Build one with <see cref="SearchJson"/> or a
/// Flock export reader; every instance has passed validation.
/// </remarks>
public sealed record AlprSearch
{
    public required string Id { get; init; }

    public required string Agency { get; init; }

    /// <summary>The officer account; null when the export withholds it (<c>***</c>, blank). Unknown requesters are never taken for one officer.</summary>
    public string? Requester { get; init; }

    public required DateTimeOffset SearchedAt { get; init; }

    /// <summary>The reason as the officer typed it (portal <c>+</c> already read as a space); null when not published.</summary>
    public string? Reason { get; init; }

    public string? CaseNumber { get; init; }

    public string? OffenseType { get; init; }

    /// <summary>How many cameras (devices) the search ran over; null when not published.</summary>
    public int? CamerasSearched { get; init; }

    /// <summary>How many agencies' camera networks the search ran over; null when not published.</summary>
    public int? NetworksSearched { get; init; }

    /// <summary>The span of camera reads the officer asked to search; null when not published.</summary>
    public SearchTimeFrame? TimeFrame { get; init; }

    /// <summary>The searched plate as a keyed hash (<see cref="PlateKey"/>); null when no plate was searched or it is not published. Never the plate itself.</summary>
    public string? PlateHash { get; init; }

    /// <summary>Flock's label for the kind of search (<c>search</c>, <c>lookup</c>, <c>convoy</c>, …); null when not published.</summary>
    public string? SearchType { get; init; }

    /// <summary>The text of a named field; null when the export does not publish it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field searches do not have.</exception>
    public string? Text(RequestField field) => field switch
    {
        RequestField.Id => Id,
        RequestField.Agency => Agency,
        RequestField.Requester => Requester,
        RequestField.Reason => Reason,
        RequestField.CaseNumber => CaseNumber,
        RequestField.OffenseType => OffenseType,
        RequestField.SearchType => SearchType,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a field of an ALPR search"),
    };

    /// <summary>Hours from the start of the time frame to the search; null without a time frame.</summary>
    public double? LookbackHours => TimeFrame is { } frame ? (SearchedAt - frame.Start).TotalHours : null;
}

/// <summary>The period of camera reads a search asked for; <see cref="End"/> is not before <see cref="Start"/>.</summary>
public sealed record SearchTimeFrame
{
    public SearchTimeFrame(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start)
        {
            throw new ArgumentException("A time frame ends at or after it starts.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public double Hours => (End - Start).TotalHours;
}

/// <summary>One record of a search file: where it starts and what it parsed to.</summary>
/// <param name="Line">1-based line where the record starts.</param>
/// <param name="Result">The search, or every problem found in the record.</param>
public sealed record SearchRecord(int Line, ParseResult<AlprSearch> Result);
