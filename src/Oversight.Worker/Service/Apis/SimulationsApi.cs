using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Oversight.Requests;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/simulations</c>: replay the recorded history under a candidate policy. The work is <see cref="SimulationService"/>'s.</summary>
internal static class SimulationsApi
{
    public static RouteGroupBuilder MapSimulationsApi(this RouteGroupBuilder v1)
    {
        var simulations = v1.MapGroup("/simulations").WithTags("Simulations").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin));
        simulations.MapPost("/", CreateAsync).WithSummary("Simulate a candidate policy over a period of the recorded history");
        simulations.MapGet("/{id}.xlsx", WorkbookAsync).WithSummary("A finished simulation as an Excel workbook (Summary, Changed, ByRule, ByAgency)");
        simulations.MapGet("/{id}", GetAsync).WithSummary("A simulation's status and, when done, its result");
        return v1;
    }

    /// <summary>The body: the candidate policy's YAML, the period, and optionally the baseline policy's id (default: the active one).</summary>
    internal sealed record SimulationRequest(string? Candidate, string? Period, string? Baseline);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CreateAsync(
        HttpRequest http, SimulationService simulations, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var (body, bodyProblem) = await Bodies.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        SimulationRequest? input;
        try
        {
            input = JsonSerializer.Deserialize<SimulationRequest>(body, Bodies.JsonOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Problems.Invalid([new InputProblem(string.Empty, "malformed JSON: " + e.Message)]);
        }

        var answer = await simulations.CreateAsync(input?.Candidate, input?.Period, input?.Baseline, cancellationToken);
        if (!answer.Succeeded)
        {
            return Problems.From(answer.Problem, http.HttpContext);
        }

        var record = answer.Value;
        http.HttpContext.Response.Headers.Location = $"/v1/simulations/{record.Id}";
        var status = record.Status is "done" or "failed" ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;
        return TypedResults.Content(SimulationService.Describe(record), "application/json", statusCode: status);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(string id, HttpContext http, SimulationService simulations, CancellationToken cancellationToken)
    {
        var record = await simulations.FindAsync(id, cancellationToken);
        return record is null
            ? Problems.From(ServiceProblem.NotFound($"No simulation {id}"), http)
            : TypedResults.Content(SimulationService.Describe(record), "application/json");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkbookAsync(string id, HttpContext http, SimulationService simulations, CancellationToken cancellationToken)
    {
        var bytes = await simulations.WorkbookAsync(id, cancellationToken);
        return bytes is null
            ? Problems.From(ServiceProblem.NotFound($"No finished simulation {id}", "Unknown id, or the simulation is not done yet (see GET /v1/simulations/{id})."), http)
            : TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"simulation-{id}.xlsx");
    }
}
