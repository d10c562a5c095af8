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

    /// <summary>A service's problem as the API answers it (with Retry-After when it says when to try again).</summary>
    public static ProblemHttpResult From(ServiceProblem problem, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(http);
        if (problem.RetryAfter is { } retry)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return problem.Status == StatusCodes.Status400BadRequest && problem.Title == ServiceProblem.InvalidTitle
            ? Invalid(problem.Errors)
            : Status(problem.Status, problem.Title, problem.Detail);
    }
}
