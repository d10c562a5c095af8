using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Gate;

public static partial class Gatekeeper
{
    /// <summary>
    /// Computes now what evaluating <paramref name="request"/> under <paramref name="policy"/> will
    /// need from the request alone — the outline a boundary rule tests — so that a caller with cores
    /// to spare can prepare many requests at once, on any threads, before evaluating them in order.
    /// Evaluating without preparing gives the same decision; it only takes longer.
    /// </summary>
    public static void Prepare(Policy policy, FootageRequest request)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        foreach (var rule in policy.RuleArray)
        {
            if (rule.Code == RuleKind.WithinBoundary)
            {
                _ = request.Area.Geometry;
                return;
            }
        }
    }
}
