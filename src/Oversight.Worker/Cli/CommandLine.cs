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
        new KeysListVerb(),
        new KeysRevokeVerb(),
        new AuditVerifyVerb(),
        new AuditReceiptVerb(),
        new LogKeyCreateVerb(),
        new LogExportVerb(),
        new LogWitnessVerb(),
    ];

    /// <summary>Commands that only group others: <c>oversight policy validate</c>, …</summary>
    private static readonly IReadOnlyDictionary<string, string> Groups = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["policy"] = "Write, test and compare policy files.",
        ["keys"] = "Make, list and revoke the service's API keys.",
        ["audit"] = "Check the service's decision log.",
    };

    public static Task<int> RunAsync(string[] args, Console2 console) => RunAsync(args, console, Verbs);

    /// <summary>Runs a command line against <paramref name="verbs"/>; whatever a verb throws ends as a one-line error, never a stack trace.</summary>
    internal static async Task<int> RunAsync(string[] args, Console2 console, IReadOnlyList<IVerb> verbs)
    {
        using (console)
        {
            var name = Find(args, verbs).Verb?.Spec.Name ?? args.FirstOrDefault() ?? string.Empty;
            try
            {
                return await DispatchAsync(args, console, verbs);
            }
            catch (Exception e)
            {
                return Failures.Report(e, name, args, console);
            }
        }
    }

    private static async Task<int> DispatchAsync(string[] args, Console2 console, IReadOnlyList<IVerb> verbs)
    {
        if (args.Length == 0)
        {
            await console.Error.WriteLineAsync(Overview(verbs));
            return ExitCodes.Invalid;
        }

        if (args[0] is "--help" or "-h")
        {
            await console.Out.WriteLineAsync(Overview(verbs));
            return ExitCodes.Ok;
        }

        if (args[0] is "--version")
        {
            await console.Out.WriteLineAsync(Invocation.Version);
            return ExitCodes.Ok;
        }

        if (args[0] == "help")
        {
            return args.Length == 1
                ? await WriteAsync(console.Out, Overview(verbs), ExitCodes.Ok)
                : await DispatchAsync([.. args[1..], "--help"], console, verbs);
        }

        var (verb, rest) = Find(args, verbs);
        if (verb is null)
        {
            return await UnknownAsync(args, console, verbs);
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

    /// <summary>A group alone or with --help lists its commands; anything else unknown gets a suggestion.</summary>
    private static async Task<int> UnknownAsync(string[] args, Console2 console, IReadOnlyList<IVerb> verbs)
    {
        var first = args[0];
        if (Groups.TryGetValue(first, out var summary))
        {
            var help = GroupHelp(first, summary, verbs);
            if (args.Length == 1 || args[1] is "--help" or "-h")
            {
                await (args.Length == 1 ? console.Error : console.Out).WriteLineAsync(help);
                return args.Length == 1 ? ExitCodes.Invalid : ExitCodes.Ok;
            }

            var names = verbs.Where(v => v.Spec.Name.StartsWith(first + " ", StringComparison.Ordinal)).Select(v => v.Spec.Name[(first.Length + 1)..]);
            await console.Error.WriteLineAsync(
                $"oversight: unknown command '{first} {args[1]}'{Suggestions.DidYouMean(args[1], names, first + " ")}. Run 'oversight {first} --help' for its commands.");
            return ExitCodes.Invalid;
        }

        var words = verbs.Select(v => v.Spec.Name).Concat(Groups.Keys).Append("help");
        var typed = first.StartsWith('-') ? first : string.Join(' ', args.Take(1));
        await console.Error.WriteLineAsync(
            $"oversight: unknown command '{typed}'{Suggestions.DidYouMean(first, words.Select(w => w.Split(' ')[0]).Distinct(StringComparer.Ordinal))}. Run 'oversight --help' for the list.");
        return ExitCodes.Invalid;
    }

    private static (IVerb? Verb, string[] Remaining) Find(string[] args, IReadOnlyList<IVerb> verbs)
    {
        foreach (var verb in verbs)
        {
            var words = verb.Spec.Name.Split(' ');
            if (args.Length >= words.Length && words.SequenceEqual(args.Take(words.Length), StringComparer.Ordinal))
            {
                return (verb, args[words.Length..]);
            }
        }

        return (null, args);
    }

    private static async Task<int> WriteAsync(TextWriter writer, string text, int status)
    {
        await writer.WriteLineAsync(text);
        return status;
    }

    private static string Overview(IReadOnlyList<IVerb> verbs)
    {
        var width = verbs.Max(v => v.Spec.Name.Length);
        var lines = new List<string>
        {
            "oversight — gate camera-footage requests against a community's policy, and audit them.",
            string.Empty,
            "Usage: oversight <command> [options]",
            string.Empty,
            "Commands:",
        };
        lines.AddRange(verbs.Select(v => $"  {v.Spec.Name.PadRight(width)}  {v.Spec.Summary}"));
        lines.Add(string.Empty);
        lines.Add("Run 'oversight <command> --help' for a command's options, 'oversight --version' for the version.");
        return string.Join(Environment.NewLine, lines);
    }

    private static string GroupHelp(string group, string summary, IReadOnlyList<IVerb> verbs)
    {
        var members = verbs.Where(v => v.Spec.Name.StartsWith(group + " ", StringComparison.Ordinal)).ToList();
        var width = members.Max(v => v.Spec.Name.Length);
        var lines = new List<string> { $"Usage: oversight {group} <command> [options]", string.Empty, summary, string.Empty, "Commands:" };
        lines.AddRange(members.Select(v => $"  {v.Spec.Name.PadRight(width)}  {v.Spec.Summary}"));
        lines.Add(string.Empty);
        lines.Add($"Run 'oversight {group} <command> --help' for a command's options.");
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>One verb of the command line.</summary>
internal interface IVerb
{
    VerbSpec Spec { get; }

    Task<int> RunAsync(Arguments args, Console2 console);
}
