using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.History;

/// <summary>
/// The counted requests (allowed or reviewed) that frequency and cumulative rules look back on:
/// time-ordered lists per agency, requester and case, and a spatial grid for <c>per: area</c>.
/// Requests with equal submittedAt keep the order they were added in.
/// </summary>
/// <remarks>Not thread-safe; callers that share one serialise access to it.</remarks>
public sealed class RequestHistory
{
    private readonly Dictionary<string, TimeList> byAgency = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Agency, string Requester), TimeList> byRequester = [];
    private readonly Dictionary<(string Agency, string Case), TimeList> byCase = [];
    private readonly SpatialGrid grid = new();

    /// <summary>A history whose earlier requests are those submitted earlier (replay, offline checks).</summary>
    public RequestHistory()
    {
    }

    /// <summary>
    /// With <paramref name="arrivalOrder"/>, every request already added counts as earlier than the
    /// one being judged, whatever its submittedAt: the order of a live log, in which a request
    /// recorded first was decided first. Periods still reach back from the request's submittedAt.
    /// </summary>
    public RequestHistory(bool arrivalOrder) => ArrivalOrder = arrivalOrder;

    /// <summary>True when everything added counts as earlier (see the constructor).</summary>
    public bool ArrivalOrder { get; }

    /// <summary>Number of requests held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a counted request. Requests are usually added in submittedAt order; out-of-order ones are placed after equal times.</summary>
    public void Add(FootageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var keys = CountingKeys.Of(request);
        var entry = new HistoryEntry(request, TextPool.Share(keys.Agency)!);
        List(byAgency, keys.Agency).Insert(entry);
        List(byRequester, (keys.Agency, keys.Requester)).Insert(entry);
        if (keys.Case is { } caseKey)
        {
            List(byCase, (keys.Agency, caseKey)).Insert(entry);
        }

        grid.Add(entry);
        Count++;
    }

    /// <summary>
    /// The requests with the same key as the request whose keys are given, submitted in (from, to];
    /// empty when the request has no such key (no case number for <see cref="CountKey.Case"/>).
    /// </summary>
    public TimeList.Range Keyed(CountKey key, in CountingKeys keys, long fromTicksExclusive, long toTicksInclusive)
    {
        TimeList? list = key switch
        {
            CountKey.Agency => byAgency.GetValueOrDefault(keys.Agency),
            CountKey.Requester => byRequester.GetValueOrDefault((keys.Agency, keys.Requester)),
            CountKey.Case when keys.Case is { } c => byCase.GetValueOrDefault((keys.Agency, c)),
            CountKey.Case => null,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "per: area is answered by CountOverlapping"),
        };
        return list?.Between(fromTicksExclusive, toTicksInclusive) ?? default;
    }

    /// <summary>
    /// Number of requests submitted in (from, to] whose areas overlap <paramref name="area"/> with
    /// positive area; only those of one agency (folded key) when <paramref name="onlyAgency"/> is given.
    /// </summary>
    /// <exception cref="OperationCanceledException">The evaluation's deadline passed.</exception>
    public int CountOverlapping(RequestArea area, long fromTicksExclusive, long toTicksInclusive, string? onlyAgency = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(area);
        return grid.CountOverlapping(area, fromTicksExclusive, toTicksInclusive, onlyAgency, cancellation);
    }

    private static TimeList List<TKey>(Dictionary<TKey, TimeList> lists, TKey key)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list))
        {
            list = new TimeList();
            lists[key] = list;
        }

        return list;
    }
}

/// <summary>
/// A counted request with its submission time in UTC ticks and its bounding box, kept inline so
/// that scans reject most candidates without following references.
/// </summary>
public sealed class HistoryEntry(FootageRequest request, string agencyKey)
{
    public FootageRequest Request { get; } = request;

    /// <summary>The agency, folded (<see cref="CountingKeys.Agency"/>): what a query for one agency's requests compares.</summary>
    public string AgencyKey { get; } = agencyKey;

    public long Ticks { get; } = request.SubmittedAt.UtcTicks;

    public double MinX { get; } = request.Area.Envelope.MinX;

    public double MinY { get; } = request.Area.Envelope.MinY;

    public double MaxX { get; } = request.Area.Envelope.MaxX;

    public double MaxY { get; } = request.Area.Envelope.MaxY;
}
