namespace Oversight.Worker.Service;

/// <summary>What <c>oversight serve</c> runs with.</summary>
public sealed record ServiceOptions
{
    /// <value>Default http://127.0.0.1:5080.</value>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>A SQLite file path or a PostgreSQL connection string.</summary>
    /// <value>Default data/oversight.db (or the OVERSIGHT_DB environment variable).</value>
    public string? Db { get; init; }

    /// <value>Default ./policies.</value>
    public string PoliciesDirectory { get; init; } = "policies";

    /// <summary>The policy that gates submissions, fixed for the life of the process.</summary>
    /// <value>Default: the only policy loaded, else rochester-mn; with several and no rochester-mn it must be named.</value>
    public string? ActivePolicy { get; init; }

    /// <summary>Log every HTTP request and database command (Information); by default only warnings, errors and the service's own events.</summary>
    public bool Verbose { get; init; }

    public ServiceRole Role { get; init; } = ServiceRole.All;

    /// <summary>Requests each API key may make per window before 429.</summary>
    /// <value>Default 100.</value>
    public int RateLimit { get; init; } = 100;

    /// <value>Default 10 seconds.</value>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one evaluation may take; past it the request answers 503 and nothing is recorded, and the gate is free again.</summary>
    /// <value>Default 250 ms (an ordinary decision takes microseconds).</value>
    public TimeSpan EvaluationDeadline { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Evaluation time one API key may use per <see cref="GateAllowanceWindow"/>; past it the key's checks and submissions answer 429 until the window ends.</summary>
    /// <value>Default 1 second (thousands of ordinary decisions).</value>
    public TimeSpan GateAllowance { get; init; } = TimeSpan.FromSeconds(1);

    /// <value>Default 10 seconds.</value>
    public TimeSpan GateAllowanceWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a check or submission waits for the gate before it answers 503.</summary>
    /// <value>Default 5 seconds.</value>
    public TimeSpan GateWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest request body accepted; larger ones answer 413.</summary>
    /// <value>1 MiB.</value>
    public long MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>Simulations over at most this many recorded requests run at once (200); larger ones go to a background job (202).</summary>
    /// <value>Default 20,000.</value>
    public int SimulationInlineLimit { get; init; } = 20_000;

    /// <summary>The transparency log: signing key, origin, witnesses.</summary>
    public Log.LogOptions Log { get; init; } = new();

    /// <summary>GeoJSON census tracts for the reports' breakdown by place and map (e.g. samples/olmsted-tracts-2020.geojson).</summary>
    /// <value>Default none: reports have no geographic breakdown.</value>
    public string? Geography { get; init; }

    /// <summary>
    /// Where the keys that protect session cookies and form tokens are kept. Several API processes
    /// behind one address must share it.
    /// </summary>
    /// <value>Default: a folder <c>web-keys</c> beside the SQLite database; with PostgreSQL, ASP.NET Core's per-user folder.</value>
    public string? WebKeys { get; init; }

    /// <summary>A tile server's URL template (<c>https://tiles.example/{z}/{x}/{y}.png</c>) drawn under the console's maps.</summary>
    /// <value>Default none: the maps show the policy's boundary and the census tracts only, and work offline.</value>
    public string? MapTiles { get; init; }
}

/// <summary>What a process does: the HTTP API, the background jobs, or both.</summary>
public enum ServiceRole
{
    All,
    Api,
    Worker,
}
