using Oversight.History;
using Oversight.Requests;

namespace Oversight.Gate;

/// <summary>One evaluation's request, history and options, with the request's counting keys folded once, when first needed.</summary>
internal sealed class Probe(FootageRequest request, RequestHistory history, EvaluationOptions options)
{
    private CountingKeys? keys;

    public FootageRequest Request { get; } = request;

    public RequestHistory History { get; } = history;

    public EvaluationOptions Options { get; } = options;

    public CountingKeys Keys => keys ??= CountingKeys.Of(Request);
}
