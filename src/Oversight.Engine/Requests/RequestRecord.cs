namespace Oversight.Requests;

/// <summary>One record of an input file: where it starts and what it parsed to.</summary>
/// <param name="Line">1-based line where the record starts (for a JSON array: the element's index + 1).</param>
/// <param name="Result">The request, or every problem found in the record.</param>
public sealed record RequestRecord(int Line, ParseResult<FootageRequest> Result);
