using Oversight.Policies;

namespace Oversight.Worker.Cli;

/// <summary>Loads a policy for a verb and reports its problems on standard error.</summary>
internal static class PolicyFiles
{
    public static Policy? Load(string path, Console2 console, string verb)
    {
        var result = PolicyLoader.LoadFile(path);
        foreach (var warning in result.Warnings)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        if (result.Policy is not null)
        {
            return result.Policy;
        }

        foreach (var problem in result.Problems)
        {
            console.Error.WriteLine(problem.ToString());
        }

        console.Error.WriteLine($"oversight {verb}: the policy {path} is invalid ({Plural(result.Problems.Count, "problem")})");
        return null;
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";
}
