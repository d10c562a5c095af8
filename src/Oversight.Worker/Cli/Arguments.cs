namespace Oversight.Worker.Cli;

/// <summary>An option a verb takes: <c>--name VALUE</c>, or a flag when <see cref="Value"/> is null.</summary>
internal sealed record OptionSpec(string Name, string? Value, string Help, bool Required = false);

/// <summary>A verb's command line: its options and what its positional arguments are.</summary>
internal sealed record VerbSpec(string Name, string Summary, string Usage, IReadOnlyList<OptionSpec> Options, string? Details = null)
{
    /// <summary>How many positional arguments (files, ids) the verb takes; more are an error.</summary>
    /// <value>Default 0.</value>
    public int MaxPositionals { get; init; }

    public string Help()
    {
        var width = Options.Count == 0 ? 0 : Options.Max(o => Label(o).Length);
        var lines = new List<string> { $"Usage: oversight {Usage}", string.Empty, Summary };
        if (Details is not null)
        {
            lines.Add(string.Empty);
            lines.Add(Details);
        }

        if (Options.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("Options:");
            lines.AddRange(Options.Select(o => $"  {Label(o).PadRight(width)}  {o.Help}{(o.Required ? " (required)" : string.Empty)}"));
        }

        lines.Add($"  {"--help".PadRight(width)}  Show this help.");
        return string.Join(Environment.NewLine, lines);
    }

    private static string Label(OptionSpec o) => o.Value is null ? $"--{o.Name}" : $"--{o.Name} {o.Value}";
}

/// <summary>A parsed command line, or the problems with it.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    public List<string> Problems { get; } = [];

    public bool HelpRequested { get; private set; }

    public string? this[string name] => values.GetValueOrDefault(name);

    public bool Has(string flag) => flags.Contains(flag);

    public static Arguments Parse(VerbSpec spec, IReadOnlyList<string> args)
    {
        var parsed = new Arguments();
        var meant = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                parsed.HelpRequested = true;
                continue;
            }

            if (arg == "-" || !arg.StartsWith('-'))
            {
                parsed.Positionals.Add(arg);
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                parsed.Problems.Add($"unknown option {arg}; options are written --name (see --help)");
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            var option = spec.Options.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                var near = Suggestions.Closest(name, spec.Options.Select(o => o.Name));
                parsed.Problems.Add($"unknown option --{name}{(near is null ? string.Empty : $" (did you mean '--{near}'?)")}");
                if (near is not null)
                {
                    meant.Add(near);
                }

                // Its value, if it looks like one, goes with it rather than becoming a stray argument.
                var takesValue = near is null || spec.Options.First(o => o.Name == near).Value is not null;
                if (inline is null && takesValue && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    i++;
                }
            }
            else if (parsed.values.ContainsKey(name) || parsed.flags.Contains(name))
            {
                parsed.Problems.Add($"--{name} is given more than once");
            }
            else if (option.Value is null)
            {
                if (inline is not null)
                {
                    parsed.Problems.Add($"--{name} takes no value");
                }

                parsed.flags.Add(name);
            }
            else if (inline is not null)
            {
                parsed.values[name] = inline;
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                parsed.values[name] = args[++i];
            }
            else
            {
                parsed.Problems.Add($"--{name} needs a value ({option.Value})");
            }
        }

        if (parsed.HelpRequested)
        {
            return parsed;
        }

        foreach (var option in spec.Options.Where(o => o.Required && !parsed.values.ContainsKey(o.Name) && !meant.Contains(o.Name)))
        {
            parsed.Problems.Add($"--{option.Name} {option.Value} is required");
        }

        foreach (var extra in parsed.Positionals.Skip(spec.MaxPositionals))
        {
            parsed.Problems.Add(spec.MaxPositionals == 0
                ? $"unexpected argument '{extra}' (this command takes only options)"
                : $"unexpected argument '{extra}'");
        }

        return parsed;
    }
}
