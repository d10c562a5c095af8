using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Gate;

/// <summary>Gates a history in order, each request against the counted requests before it.</summary>
public static class Replay
{
    /// <summary>
    /// Orders requests as the counting rules see them: by submittedAt, ties in input order.
    /// </summary>
    public static List<FootageRequest> InOrder(IEnumerable<FootageRequest> requests) =>
        requests.Select((request, index) => (request, index))
            .OrderBy(p => p.request.SubmittedAt.UtcTicks)
            .ThenBy(p => p.index)
            .Select(p => p.request)
            .ToList();

    /// <summary>
    /// Gates each request (already in order) and adds the allowed and reviewed ones to
    /// <paramref name="history"/> so that later requests count them.
    /// </summary>
    public static IEnumerable<Decision> Run(Policy policy, IEnumerable<FootageRequest> ordered, RequestHistory history)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(history);
        foreach (var request in ordered)
        {
            var decision = Gatekeeper.Evaluate(policy, request, history);
            if (decision.Counts)
            {
                history.Add(request);
            }

            yield return decision;
        }
    }
}
