using Oversight.Policies;

namespace Oversight.Worker.Cli;

/// <summary>Loads a policy for a verb and reports its problems on standard error.</summary>
internal static class PolicyFiles
{
    public static Policy? Load(string path, Console2 console, string verb)
    {
        if (FileChecks.CannotRead(path) is { } unreadable)
        {
            console.Error.WriteLine($"oversight {verb}: policy {unreadable}");
            return null;
        }

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

        console.Error.WriteLine($"oversight {verb}: the policy {path} is invalid ({English.Count(result.Problems.Count, "problem")})");
        return null;
    }
}
