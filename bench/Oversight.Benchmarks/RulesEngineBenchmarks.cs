using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using RulesEngine.Models;

namespace Oversight.Benchmarks;

/// <summary>The flattened request a RulesEngine workflow reads: measures already computed.</summary>
public sealed class RequestFacts
{
    public double AreaSqMiles { get; init; }
    public double WindowHours { get; init; }
    public double LookbackHours { get; init; }
    public double HoursAfterSubmission { get; init; }
    public string? CaseNumber { get; init; }
    public string? IncidentType { get; init; }
    public string? Description { get; init; }
    public string LegalBasis { get; init; } = "consent";
}

/// <summary>
/// The same eleven static rules in Microsoft RulesEngine 6.0.1 (lambda expressions over
/// precomputed measures) and in Oversight, measured in one run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class RulesEngineBenchmarks
{
    private RulesEngine.RulesEngine engine = null!;
    private RequestFacts facts = null!;
    private Policy policy = null!;
    private FootageRequest request = null!;
    private RequestHistory empty = null!;

    [GlobalSetup]
    public void Setup()
    {
        policy = Fixtures.LoadYaml(Fixtures.StaticRulesYaml);
        request = Fixtures.SixteenVertexRequest(Fixtures.Submitted);
        empty = new RequestHistory();
        facts = new RequestFacts
        {
            AreaSqMiles = request.Area.SquareMiles,
            WindowHours = request.Window.Hours,
            LookbackHours = request.LookbackHours,
            HoursAfterSubmission = (request.Window.End - request.SubmittedAt).TotalHours,
            CaseNumber = request.CaseNumber,
            IncidentType = request.IncidentType,
            Description = request.Description,
            LegalBasis = request.LegalBasis.Name(),
        };

        RulesEngine.Models.Rule Rule(string name, string expression) => new() { RuleName = name, Expression = expression, RuleExpressionType = RuleExpressionType.LambdaExpression };
        var workflow = new Workflow
        {
            WorkflowName = "static",
            Rules =
            [
                Rule("area-limit", "input1.AreaSqMiles <= 0.5"),
                Rule("area-floor", "input1.AreaSqMiles >= 0.025"),
                Rule("window-limit", "input1.WindowHours <= 12"),
                Rule("window-floor", "input1.WindowHours >= 0.25"),
                Rule("lookback", "input1.LookbackHours <= 720"),
                Rule("no-future", "input1.HoursAfterSubmission <= 0"),
                Rule("case-number", "!string.IsNullOrWhiteSpace(input1.CaseNumber)"),
                Rule("incident-type", "!string.IsNullOrWhiteSpace(input1.IncidentType)"),
                Rule("description", "(input1.Description ?? \"\").Trim().Length >= 20"),
                Rule("basis", "input1.LegalBasis == \"consent\" || input1.LegalBasis == \"warrant\" || input1.LegalBasis == \"exigent\""),
                Rule("no-protests", "!Regex.IsMatch(input1.Description ?? \"\", \"(?i)\\\\b(protest|demonstration|rally|march|vigil)\\\\b\")"),
            ],
        };
        engine = new RulesEngine.RulesEngine([workflow], new ReSettings { CustomTypes = [typeof(Regex)] });
        var check = engine.ExecuteAllRulesAsync("static", facts).GetAwaiter().GetResult();
        if (check.Count != 11 || check.Any(r => !r.IsSuccess))
        {
            throw new InvalidOperationException("RulesEngine workflow does not pass the benchmark request: " +
                string.Join("; ", check.Where(r => !r.IsSuccess).Select(r => $"{r.Rule.RuleName}: {r.ExceptionMessage}")));
        }
    }

    [Benchmark(Baseline = true, Description = "RulesEngine 6.0.1, 11 static rules")]
    public async Task<int> RulesEngineStatic()
    {
        var results = await engine.ExecuteAllRulesAsync("static", facts);
        return results.Count(r => r.IsSuccess);
    }

    [Benchmark(Description = "Oversight, same 11 static rules")]
    public int OversightStatic() => Gatekeeper.Evaluate(policy, request, empty).Rules.Count;
}
