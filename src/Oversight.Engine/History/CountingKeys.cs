using Oversight.Requests;
using Oversight.Text;

namespace Oversight.History;

/// <summary>
/// The keys a request is counted under, folded (<see cref="TextFold.Key"/>) so that an agency
/// cannot start a new count by writing a badge or case number differently: <c>BADGE-9</c>,
/// <c>badge‑9</c> (non-breaking hyphen) and <c>badge-9</c> with a zero-width space are one requester.
/// </summary>
/// <param name="Agency">The agency, folded.</param>
/// <param name="Requester">The requester, folded.</param>
/// <param name="Case">The case number, folded; null when there is none (or nothing visible is left of it).</param>
public readonly record struct CountingKeys(string Agency, string Requester, string? Case)
{
    public static CountingKeys Of(FootageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseKey = request.CaseNumber is { } c ? TextFold.Key(c) : null;
        return new(TextFold.Key(request.Agency), TextFold.Key(request.Requester), string.IsNullOrEmpty(caseKey) ? null : caseKey);
    }
}
