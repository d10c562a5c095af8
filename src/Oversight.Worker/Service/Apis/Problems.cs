using Oversight.Requests;

namespace Oversight.Worker.Service.Apis;

/// <summary>RFC 9457 problem details for the API's expected failures.</summary>
internal static class Problems
{
    public static ProblemHttpResult Invalid(IEnumerable<InputProblem> problems) =>
        TypedResults.Problem(
            title: "The request is invalid",
            detail: "No decision was made; every problem is listed in 'errors'.",
            statusCode: StatusCodes.Status400BadRequest,
            type: "https://oversight.example/problems/invalid-request",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new Dictionary<string, object?>
                {
                    ["path"] = string.IsNullOrEmpty(p.Path) ? "$" : p.Path,
                    ["message"] = p.Message,
                    ["line"] = p.Line,
                    ["column"] = p.Column,
                }).ToList(),
            });

    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
