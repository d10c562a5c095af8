using Oversight.Gate;
using Oversight.Policies;
using Oversight.Policies.Testing;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight policy test</c>: run the policy test cases in a folder or file.</summary>
internal sealed class PolicyTestVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "policy test",
        "Run policy test cases (policies/tests/*.yaml by default) and report each.",
        "policy test [DIR | FILE…] [--verbose]",
        [new("verbose", null, "Print the decision JSON of every failing case.")],
        "A case is {name, policy, history?, request, expect: {decision, violated?}}; the policy path is\n" +
        "relative to the test file; 'violated', when given, must equal the set of violated rule ids.\n" +
        "Exit status: 0 all passed, 1 any failed, 2 an invalid test file or policy.")
    {
        MaxPositionals = int.MaxValue,
    };

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        var targets = args.Positionals.Count == 0 ? ["policies/tests"] : args.Positionals;
        var files = new List<string>();
        foreach (var target in targets)
        {
            if (Directory.Exists(target))
            {
                files.AddRange(Directory.GetFiles(target, "*.yaml").Concat(Directory.GetFiles(target, "*.yml")).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(target))
            {
                files.Add(target);
            }
            else
            {
                await console.Error.WriteLineAsync($"oversight policy test: no such file or folder: {target}");
                return ExitCodes.Invalid;
            }
        }

        if (files.Count == 0)
        {
            await console.Error.WriteLineAsync($"oversight policy test: no test files (*.yaml) in {string.Join(", ", targets)}");
            return ExitCodes.Invalid;
        }

        var invalid = false;
        int passed = 0, failed = 0;
        var policies = new Dictionary<string, PolicyLoadResult>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (cases, problems) = PolicyTestFile.Load(file);
            foreach (var problem in problems)
            {
                await console.Out.WriteLineAsync(problem.ToString());
                invalid = true;
            }

            foreach (var testCase in cases)
            {
                var full = Path.GetFullPath(testCase.PolicyPath);
                if (!policies.TryGetValue(full, out var loaded))
                {
                    loaded = PolicyLoader.LoadFile(testCase.PolicyPath);
                    policies[full] = loaded;
                    foreach (var problem in loaded.Problems)
                    {
                        await console.Out.WriteLineAsync(problem.ToString());
                    }
                }

                if (loaded.Policy is not { } policy)
                {
                    await console.Out.WriteLineAsync($"ERROR {testCase.File}:{testCase.Line} {testCase.Name}: policy {testCase.PolicyPath} is invalid");
                    invalid = true;
                    continue;
                }

                var result = PolicyTestRunner.Run(testCase, policy);
                if (result.Passed)
                {
                    passed++;
                    await console.Out.WriteLineAsync($"PASS {testCase.Name}");
                    continue;
                }

                failed++;
                await console.Out.WriteLineAsync($"FAIL {testCase.File}:{testCase.Line} {testCase.Name}: {result.Failure}");
                if (args.Has("verbose"))
                {
                    await console.Out.WriteLineAsync(DecisionJson.ToJson(result.Decision, indented: true));
                }
            }
        }

        await console.Out.WriteLineAsync($"policy test: {passed} passed, {failed} failed{(invalid ? "; some test files or policies are invalid" : string.Empty)}");
        return invalid ? ExitCodes.Invalid : failed > 0 ? ExitCodes.Failures : ExitCodes.Ok;
    }
}
