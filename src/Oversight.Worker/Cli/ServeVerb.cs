using System.Globalization;
using Oversight.Worker.Service;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight serve</c>: the HTTP API and the background jobs.</summary>
internal sealed class ServeVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "serve",
        "Run the HTTP API (gate, record, audit) and the background jobs.",
        "serve [--urls U] [--db D] [--policies DIR] [--active-policy ID] [--role all|api|worker] [--rate-limit N] [--geography G.geojson]",
        [
            new("urls", "U", "Where to listen (default http://127.0.0.1:5080)."),
            new("db", "D", DatabaseOption.Help),
            new("policies", "DIR", "Policy folder, reloaded on change (default policies)."),
            new("active-policy", "ID", "The policy that gates submissions (default rochester-mn if loaded, else the first by id)."),
            new("role", "R", "all (default), api (HTTP only) or worker (jobs only); several api and worker processes can share one PostgreSQL database."),
            new("rate-limit", "N", "Requests per 10 seconds per API key before 429 (default 100)."),
            new("geography", "G", "GeoJSON census tracts for the transparency reports' breakdown by place (default: none)."),
        ],
        "With SQLite, jobs use in-process storage: run one process with --role all. With PostgreSQL, jobs\n" +
        "and the decision log live in the database and any number of processes can share it.");

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

        var options = new ServiceOptions
        {
            Urls = args["urls"] ?? "http://127.0.0.1:5080",
            Db = DatabaseOption.From(args),
            PoliciesDirectory = args["policies"] ?? "policies",
            ActivePolicy = args["active-policy"],
            Role = role.Value,
            RateLimit = rate,
            Geography = args["geography"],
        };
        if (!Directory.Exists(options.PoliciesDirectory))
        {
            await console.Error.WriteLineAsync($"oversight serve: no policy folder at {Path.GetFullPath(options.PoliciesDirectory)} (use --policies DIR)");
            return ExitCodes.Invalid;
        }

        if (options.Geography is { } geography && Oversight.Reports.GeographyFile.Load(geography, out var problems) is null)
        {
            await console.Error.WriteLineAsync($"oversight serve: --geography: {string.Join("; ", problems)}");
            return ExitCodes.Invalid;
        }

        await using var app = ServiceHost.Build(options);
        var store = app.Services.GetRequiredService<PolicyStore>();
        if (store.All.Count == 0)
        {
            await console.Error.WriteLineAsync($"oversight serve: no valid policy in {Path.GetFullPath(options.PoliciesDirectory)}");
            return ExitCodes.Invalid;
        }

        if (store.Find(store.ActiveId) is null)
        {
            await console.Error.WriteLineAsync($"oversight serve: --active-policy '{store.ActiveId}' is not loaded; loaded: {string.Join(", ", store.All.Keys)}");
            return ExitCodes.Invalid;
        }

        await ServiceHost.InitializeAsync(app);
        var database = app.Services.GetRequiredService<Oversight.Storage.DatabaseTarget>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            console.Error.WriteLine($"Oversight is listening on {string.Join(", ", app.Urls)} (role {options.Role.ToString().ToLowerInvariant()})");
            console.Error.WriteLine($"  database: {database.Display}");
            console.Error.WriteLine($"  policies: {Path.GetFullPath(options.PoliciesDirectory)}; active: {store.ActiveId} (sha256 {store.Active.Sha256[..12]}…)");
            console.Error.WriteLine($"  make a first key: oversight keys create --role admin --db {(options.Db ?? Oversight.Storage.DatabaseTarget.DefaultSqlitePath)}");
            console.Error.WriteLine("  then: curl -H \"Authorization: Bearer <key>\" " + app.Urls.First() + "/v1/policies");
        });
        await app.RunAsync();
        return ExitCodes.Ok;
    }
}
