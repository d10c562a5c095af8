using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Oversight.Worker.Service;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight serve</c>: the HTTP API and the background jobs.</summary>
internal sealed class ServeVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "serve",
        "Run the HTTP API (gate, record, audit) and the background jobs.",
        "serve [--urls U] [--db D] [--policies DIR] [--active-policy ID] [--role all|api|worker] [--rate-limit N] [--gate-allowance MS] [--geography G.geojson] [--map-tiles URL] [--web-keys DIR] [--log-key K] [--log-origin O] [--accept-witness VKEYS] [--witness-of URL --witness-key K --witness-state DIR] [--verbose]",
        [
            new("urls", "U", "Where to listen, e.g. http://127.0.0.1:5080 (the default); several separated by ';'."),
            new("db", "D", DatabaseOption.Help),
            new("policies", "DIR", "Policy folder, reloaded on change (default policies)."),
            new("active-policy", "ID", "The policy that gates submissions, for the life of the process (default: the only policy, else rochester-mn)."),
            new("role", "R", "all (default), api (HTTP only) or worker (jobs only); several api and worker processes can share one PostgreSQL database."),
            new("rate-limit", "N", "Requests per 10 seconds per API key before 429 (default 100)."),
            new("gate-allowance", "MS", "Milliseconds of evaluation time each API key may use per 10 seconds before 429 (default 1000; an ordinary decision takes microseconds)."),
            new("geography", "G", "GeoJSON census tracts for the transparency reports' breakdown by place and the console's maps (default: none)."),
            new("map-tiles", "URL", "A tile server for the console's maps, e.g. https://tiles.example/{z}/{x}/{y}.png (default: none; the maps show the policy's boundary and the tracts, offline)."),
            new("web-keys", "DIR", "Where the keys protecting console sessions and form tokens are kept; several API processes must share it (default: web-keys beside the SQLite database; with PostgreSQL, the user's ASP.NET Core folder)."),
            new("log-key", "K", "The decision log's signing key (made by 'oversight log key create'): checkpoints are signed with it. Without it the service runs but signs nothing."),
            new("log-origin", "O", "The log's name in its checkpoints; must be the signing key's name (default: that name)."),
            new("accept-witness", "VKEYS", "Witnesses whose cosignatures the log accepts and serves: verifier keys (type 0x04), comma-separated, or a file with one per line."),
            new("witness-of", "URL", "Also witness another Oversight log at URL every minute (cosign its checkpoints when they are consistent)."),
            new("witness-key", "K", "The cosignature key (log key create --witness) for --witness-of."),
            new("witness-state", "DIR", "Where the witness keeps the last checkpoint it verified of each log (required with --witness-of)."),
            new("verbose", null, "Log every HTTP request and database command, not only warnings, errors and the service's own events."),
        ],
        "A policy file that does not load is refused (GET /v1/policies lists it with its problems) and the\n" +
        "last good version of its policy stays loaded. The active policy never changes while the service\n" +
        "runs: if its file is refused or removed, its last good version stays active and an error is logged.\n" +
        "Jobs are kept in the database (SQLite: a file beside it), so queued work survives a restart.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        var role = (args["role"] ?? "all") switch
        {
            "all" => ServiceRole.All,
            "api" => ServiceRole.Api,
            "worker" => ServiceRole.Worker,
            _ => (ServiceRole?)null,
        };
        if (role is null)
        {
            await console.Error.WriteLineAsync($"oversight serve: --role must be all, api or worker, not '{args["role"]}'");
            return ExitCodes.Invalid;
        }

        var rate = 100;
        if (args["rate-limit"] is { } r && (!int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out rate) || rate < 1))
        {
            await console.Error.WriteLineAsync($"oversight serve: --rate-limit must be a whole number of at least 1, not '{r}'");
            return ExitCodes.Invalid;
        }

        var allowance = 1000;
        if (args["gate-allowance"] is { } g && (!int.TryParse(g, NumberStyles.Integer, CultureInfo.InvariantCulture, out allowance) || allowance < 1))
        {
            await console.Error.WriteLineAsync($"oversight serve: --gate-allowance must be a whole number of milliseconds, at least 1, not '{g}'");
            return ExitCodes.Invalid;
        }

        var witnesses = new List<string>();
        if (args["accept-witness"] is { } accepted)
        {
            var text = File.Exists(accepted) ? await File.ReadAllTextAsync(accepted) : accepted;
            witnesses.AddRange(text.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            foreach (var witness in witnesses)
            {
                if (!Oversight.Log.NoteKey.TryParse(witness, out var key, out var error) || key!.Type != Oversight.Log.NoteKeyType.Cosignature)
                {
                    await console.Error.WriteLineAsync($"oversight serve: --accept-witness '{witness}': {(key is null ? error : "not a witness's cosignature key (type 0x04)")}");
                    return ExitCodes.Invalid;
                }
            }
        }

        if ((args["witness-of"] is null) != (args["witness-key"] is null) || (args["witness-of"] is not null && args["witness-state"] is null))
        {
            await console.Error.WriteLineAsync("oversight serve: --witness-of, --witness-key and --witness-state go together");
            return ExitCodes.Invalid;
        }

        var urls = args["urls"] ?? "http://127.0.0.1:5080";
        var bad = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsHttpAddress(u)).ToList();
        if (bad.Count > 0 || string.IsNullOrWhiteSpace(urls))
        {
            await console.Error.WriteLineAsync($"oversight serve: --urls: '{(bad.Count > 0 ? bad[0] : urls)}' is not an http:// or https:// address such as http://127.0.0.1:5080");
            return ExitCodes.Invalid;
        }

        var options = new ServiceOptions
        {
            Log = new Service.Log.LogOptions
            {
                KeyFile = args["log-key"],
                Origin = args["log-origin"],
                WitnessKeys = witnesses,
                WitnessOf = args["witness-of"],
                WitnessKeyFile = args["witness-key"],
                WitnessState = args["witness-state"],
            },
            Urls = urls,
            Db = DatabaseOption.From(args),
            PoliciesDirectory = args["policies"] ?? "policies",
            ActivePolicy = args["active-policy"],
            Role = role.Value,
            RateLimit = rate,
            GateAllowance = TimeSpan.FromMilliseconds(allowance),
            Geography = args["geography"],
            MapTiles = args["map-tiles"],
            WebKeys = args["web-keys"],
            Verbose = args.Has("verbose"),
        };
        if (bad.Count == 0 && urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => (Url: u, Problem: Taken(u))).FirstOrDefault(u => u.Problem is not null) is { Problem: { } taken } busy)
        {
            await console.Error.WriteLineAsync($"oversight serve: cannot listen on {busy.Url}: {taken}");
            return ExitCodes.Invalid;
        }

        if (!Directory.Exists(options.PoliciesDirectory))
        {
            await console.Error.WriteLineAsync($"oversight serve: no policy folder at {Path.GetFullPath(options.PoliciesDirectory)} (use --policies DIR)");
            return ExitCodes.Invalid;
        }

        if (options.MapTiles is { } tiles && !(Uri.TryCreate(tiles.Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal), UriKind.Absolute, out var tileUri) && tileUri.Scheme is "http" or "https" && tiles.Contains("{z}", StringComparison.Ordinal)))
        {
            await console.Error.WriteLineAsync($"oversight serve: --map-tiles must be an http(s) URL template with {{z}}, {{x}} and {{y}}, such as https://tiles.example/{{z}}/{{x}}/{{y}}.png, not '{tiles}'");
            return ExitCodes.Invalid;
        }

        if (options.Geography is { } geography
            && (FileChecks.CannotRead(geography) is { } unreadable ? [unreadable] : Oversight.Reports.GeographyFile.Load(geography, out var problems) is null ? problems : null) is { } geographyProblems)
        {
            await console.Error.WriteLineAsync($"oversight serve: --geography {string.Join("; ", geographyProblems)}");
            return ExitCodes.Invalid;
        }

        if (DatabaseOption.Target(args, console, "serve", mustExist: false) is null)
        {
            return ExitCodes.Invalid;
        }

        WebApplication app;
        try
        {
            app = ServiceHost.Build(options);
            _ = app.Services.GetRequiredService<Service.Log.TransparencyLog>();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await console.Error.WriteLineAsync($"oversight serve: {string.Join("; ", e.Failures)}");
            return ExitCodes.Invalid;
        }

        await using var host = app;
        var store = app.Services.GetRequiredService<PolicyStore>();
        if (!await ActivePolicyLoadedAsync(store, options, console))
        {
            return ExitCodes.Invalid;
        }

        await ServiceHost.InitializeAsync(app);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await console.Error.WriteLineAsync($"oversight serve: cannot listen on {urls}: {Failures.Expected(e)}");
            return ExitCodes.Invalid;
        }

        Banner(app, options, store, console);
        await app.WaitForShutdownAsync();
        return ExitCodes.Ok;
    }

    /// <summary>Kestrel's address forms: a URL with a host, or with <c>*</c> / <c>+</c> for every interface.</summary>
    private static bool IsHttpAddress(string url) =>
        Uri.TryCreate(url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https";

    /// <summary>
    /// Why the address cannot be listened on, found before the host starts (which would log the
    /// failure with a stack trace); null when it is free or cannot be probed (a host name).
    /// </summary>
    private static string? Taken(string url)
    {
        var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        var address = uri.IsLoopback && !IPAddress.TryParse(uri.Host, out _) ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var ip) ? ip : null;
        if (address is null || uri.Port == 0)
        {
            return null;
        }

        try
        {
            var probe = new TcpListener(address, uri.Port);
            probe.Start();
            probe.Stop();
            return null;
        }
        catch (SocketException e)
        {
            return Failures.Socket(e);
        }
    }

    /// <summary>The service starts only with its active policy loaded; refused files alone do not stop it.</summary>
    private static async Task<bool> ActivePolicyLoadedAsync(PolicyStore store, ServiceOptions options, Console2 console)
    {
        var folder = Path.GetFullPath(options.PoliciesDirectory);
        foreach (var (file, problems) in store.Refused)
        {
            await console.Error.WriteLineAsync($"warning: refused {Path.GetFileName(file)} ({English.Count(problems.Count, "problem")}; see the log above or GET /v1/policies)");
        }

        if (store.All.Count == 0)
        {
            await console.Error.WriteLineAsync($"oversight serve: no valid policy in {folder}");
            return false;
        }

        if (store.ActiveId is null)
        {
            await console.Error.WriteLineAsync(
                $"oversight serve: several policies are loaded ({string.Join(", ", store.All.Keys.Order(StringComparer.Ordinal))}) and none is named {PolicyStore.DefaultActive}: choose one with --active-policy");
            return false;
        }

        if (store.Find(store.ActiveId) is null)
        {
            var loaded = store.All.Keys.Order(StringComparer.Ordinal).ToList();
            await console.Error.WriteLineAsync(
                $"oversight serve: --active-policy '{store.ActiveId}' is not loaded{Suggestions.DidYouMean(store.ActiveId, loaded)}; loaded: {string.Join(", ", loaded)}" +
                (store.SearchPolicyFiles.Count > 0 ? $" (not loaded: {string.Join(", ", store.SearchPolicyFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal))}, which audit ALPR searches: the service gates footage requests)" : string.Empty));
            return false;
        }

        return true;
    }

    private static void Banner(WebApplication app, ServiceOptions options, PolicyStore store, Console2 console)
    {
        var database = app.Services.GetRequiredService<Oversight.Storage.DatabaseTarget>();
        var db = options.Db is null ? string.Empty : $" --db \"{options.Db}\"";
        console.Error.WriteLine($"Oversight is listening on {string.Join(", ", app.Urls)} (role {options.Role.ToString().ToLowerInvariant()}){(options.Verbose ? "; logging every request" : string.Empty)}");
        console.Error.WriteLine($"  database: {database.Display}");
        console.Error.WriteLine($"  policies: {Path.GetFullPath(options.PoliciesDirectory)}; active: {store.ActiveId} (sha256 {store.Active.Sha256[..12]}…, {store.ActiveChoice})");
        var log = app.Services.GetRequiredService<Service.Log.TransparencyLog>();
        console.Error.WriteLine(log.Signer is { } signer
            ? $"  decision log: {English.Count(log.Tree.Size, "entry", "entries")}; checkpoints signed as {log.Origin}; verifier key {signer.Public.VerifierKey}"
            : $"  WARNING: CHECKPOINTS ARE NOT BEING SIGNED: {log.SignerProblem}. Make a key with '{Invocation.Command} log key create --out K' and serve --log-key K.");
        foreach (var alarm in log.Alarms)
        {
            console.Error.WriteLine($"  ALARM: {alarm}");
        }

        console.Error.WriteLine($"  make a first key: {Invocation.Command} keys create --role admin{db}");
        console.Error.WriteLine("  then: curl -H \"Authorization: Bearer <key>\" " + app.Urls.First() + "/v1/policies");
        console.Error.WriteLine($"  public portal: {app.Urls.First()}/   console: {app.Urls.First()}/signin (with a key)");
        console.Error.WriteLine("  stop with Ctrl+C");
    }
}
