namespace Oversight.Worker.Cli;

/// <summary>The <c>oversight</c> command: dispatches a verb and turns its result into an exit status.</summary>
internal static class CommandLine
{
    private static readonly IReadOnlyList<IVerb> Verbs =
    [
        new CheckVerb(),
        new ReplayVerb(),
        new PolicyValidateVerb(),
        new PolicyTestVerb(),
        new PolicyCompareVerb(),
        new SimulateVerb(),
        new DetectVerb(),
        new FindingsDisposeVerb(),
        new ReportVerb(),
        new GenerateVerb(),
        new ImportFlockVerb(),
        new ServeVerb(),
        new KeysCreateVerb(),
        new AuditVerifyVerb(),
        new AuditReceiptVerb(),
        new LogKeyCreateVerb(),
        new LogExportVerb(),
        new LogWitnessVerb(),
    ];

    public static async Task<int> RunAsync(string[] args, Console2 console)
    {
        using (console)
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                await console.Out.WriteLineAsync(Overview());
                return args.Length == 0 ? ExitCodes.Invalid : ExitCodes.Ok;
            }

            var (verb, rest) = Find(args);
            if (verb is null)
            {
                await console.Error.WriteLineAsync($"oversight: unknown command '{string.Join(' ', args.Take(2))}'. Run 'oversight --help' for the list.");
                return ExitCodes.Invalid;
            }

            var parsed = Arguments.Parse(verb.Spec, rest);
            if (parsed.HelpRequested)
            {
                await console.Out.WriteLineAsync(verb.Spec.Help());
                return ExitCodes.Ok;
            }

            if (parsed.Problems.Count > 0)
            {
                foreach (var problem in parsed.Problems)
                {
                    await console.Error.WriteLineAsync($"oversight {verb.Spec.Name}: {problem}");
                }

                await console.Error.WriteLineAsync($"Usage: oversight {verb.Spec.Usage}   (see 'oversight {verb.Spec.Name} --help')");
                return ExitCodes.Invalid;
            }

            return await verb.RunAsync(parsed, console);
        }
    }

    private static (IVerb? Verb, string[] Remaining) Find(string[] args)
    {
        foreach (var verb in Verbs)
        {
            var words = verb.Spec.Name.Split(' ');
            if (args.Length >= words.Length && words.SequenceEqual(args.Take(words.Length), StringComparer.Ordinal))
            {
                return (verb, args[words.Length..]);
            }
        }

        return (null, args);
    }

    private static string Overview()
    {
        var width = Verbs.Max(v => v.Spec.Name.Length);
        var lines = new List<string>
        {
            "oversight — gate camera-footage requests against a community's policy, and audit them.",
            string.Empty,
            "Usage: oversight <command> [options]",
            string.Empty,
            "Commands:",
        };
        lines.AddRange(Verbs.Select(v => $"  {v.Spec.Name.PadRight(width)}  {v.Spec.Summary}"));
        lines.Add(string.Empty);
        lines.Add("Run 'oversight <command> --help' for a command's options.");
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>One verb of the command line.</summary>
internal interface IVerb
{
    VerbSpec Spec { get; }

    Task<int> RunAsync(Arguments args, Console2 console);
}
