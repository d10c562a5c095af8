using Oversight.History;
using Oversight.Requests;

namespace Oversight.Gate;

/// <summary>One evaluation's request, history and options, with the request's counting keys folded once, when first needed.</summary>
internal struct Probe(FootageRequest request, RequestHistory history, EvaluationOptions options)
{
    private CountingKeys? keys;

    public readonly FootageRequest Request { get; } = request;

    public readonly RequestHistory History { get; } = history;

    public readonly EvaluationOptions Options { get; } = options;

    public CountingKeys Keys => keys ??= CountingKeys.Of(Request);
}
