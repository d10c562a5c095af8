using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.Storage;
using Oversight.Worker.Service;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

/// <summary>The real service host on an in-memory test server, with its own policies folder and database.</summary>
internal sealed class TestService : IAsyncDisposable
{
    /// <summary>A policy that admits five requests per agency per day, so concurrency can be counted.</summary>
    public const string LimitsPolicy = """
        policy: test-limits
        version: "1"
        rules:
          - { id: agency-day, kind: max-requests, per: agency, limit: 5, period: 1d }
          - { id: area-limit, kind: max-area, limit: 0.5 sq mi }
        """;

    private readonly Temp temp;

    private readonly HostDiagnostics diagnostics;

    /// <summary>The name of the test log's signing key, and so its origin.</summary>
    public const string LogOrigin = "oversight.test/decisions";

    /// <summary>When the requests of <see cref="Request"/> are made; the service's clock starts 5 minutes after it.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);

    private TestService(WebApplication app, Temp temp, ServiceOptions options, HostDiagnostics diagnostics, TestClock clock)
    {
        Clock = clock;
        App = app;
        this.temp = temp;
        Options = options;
        this.diagnostics = diagnostics;
    }

    public WebApplication App { get; }

    /// <summary>The service's clock: it decides when requests are made (a submittedAt further than 5 minutes from it is refused).</summary>
    public TestClock Clock { get; }

    public ServiceOptions Options { get; }

    public string PoliciesFolder => Path.Combine(temp.Path, "policies");

    public DatabaseTarget Database => App.Services.GetRequiredService<DatabaseTarget>();

    public static async Task<string> NewDatabaseAsync(string provider, Temp temp) =>
        provider == "postgres" ? await PostgresServer.CreateDatabaseAsync() : Path.Combine(temp.Path, "oversight.db");

    /// <summary>
    /// Starts a service; with <paramref name="db"/> it shares that database (a second node, or a
    /// restart). With <paramref name="listen"/> it listens on a free loopback port (for a real
    /// browser) instead of the in-memory test server.
    /// </summary>
    public static async Task<TestService> StartAsync(string provider, string? db = null, Temp? temp = null, Func<ServiceOptions, ServiceOptions>? tune = null, Action<string>? preparePolicies = null, bool listen = false)
    {
        temp ??= new Temp();
        var policies = Path.Combine(temp.Path, "policies");
        if (!Directory.Exists(policies))
        {
            CopyFolder(Path.Combine(AppContext.BaseDirectory, "policies"), policies);
            File.WriteAllText(Path.Combine(policies, "test-limits.yaml"), LimitsPolicy);
        }

        preparePolicies?.Invoke(policies);

        db ??= await NewDatabaseAsync(provider, temp);
        var keyFile = Path.Combine(temp.Path, "log.key");
        if (!File.Exists(keyFile))
        {
            using var key = Oversight.Log.NoteSigner.Generate(LogOrigin, Oversight.Log.NoteKeyType.Ed25519);
            File.WriteAllText(keyFile, key.PrivateKeyText);
        }

        var options = new ServiceOptions
        {
            Db = db,
            PoliciesDirectory = policies,
            ActivePolicy = "test-limits",
            RateLimit = 10_000,
            Urls = listen ? $"http://127.0.0.1:{PostgresServer.FreePort()}" : "http://127.0.0.1:5080",
            Log = new Oversight.Worker.Service.Log.LogOptions { KeyFile = keyFile, CheckpointInterval = TimeSpan.FromMilliseconds(100) },
        };
        options = tune?.Invoke(options) ?? options;
        var diagnostics = new HostDiagnostics();
        var clock = new TestClock(Noon.AddMinutes(5));
        var app = ServiceHost.Build(options, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            if (!listen)
            {
                builder.WebHost.UseTestServer();
            }

            builder.Logging.AddProvider(diagnostics);
            builder.Logging.AddFilter<HostDiagnostics>("Hangfire", LogLevel.Debug);
        });
        await ServiceHost.InitializeAsync(app);
        await app.StartAsync();
        return new TestService(app, temp, options, diagnostics, clock);
    }

    /// <summary>The jobs in this host's job storage with their state history, and its last log lines.</summary>
    public string Diagnostics() => diagnostics.Describe(App.Services.GetRequiredService<Hangfire.JobStorage>());

    /// <summary>The log's verifier key.</summary>
    public string LogVerifierKey => App.Services.GetRequiredService<Oversight.Worker.Service.Log.TransparencyLog>().VerifierKey!;

    /// <summary>Waits until a checkpoint covers at least <paramref name="size"/> entries, and returns its note.</summary>
    public Task<string> CheckpointAsync(long size) => WaitForCheckpointAsync(Client(), size);

    /// <summary>Asks a service for its latest checkpoint until it covers at least <paramref name="size"/> entries (30 s at most).</summary>
    public static async Task<string> WaitForCheckpointAsync(HttpClient client, long size)
    {
        for (var i = 0; i < 300; i++)
        {
            var response = await client.GetAsync("/v1/log/checkpoint");
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && Oversight.Log.SignedNote.TryParse(text, out var note, out _)
                && Oversight.Log.Checkpoint.TryParse(note!.Text, out var checkpoint, out _) && checkpoint!.Size >= size)
            {
                return text;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no checkpoint of size {size} within 30 s");
    }

    /// <summary>Where a service started with <c>listen</c> is reached.</summary>
    public string Url => Options.Urls;

    /// <summary>What the host logged so far (its last lines).</summary>
    public IReadOnlyList<string> LogLines => diagnostics.Lines;

    public HttpClient Client(string? key = null)
    {
        var client = App.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>() is TestServer ? App.GetTestClient() : new HttpClient { BaseAddress = new Uri(Url) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task<string> KeyAsync(string role, string? agency = null)
    {
        await using var db = Database.CreateContext();
        return await ApiKeys.CreateAsync(db, role, agency, null, TimeProvider.System);
    }

    public async Task<HttpClient> ClientAsync(string role, string? agency = null) => Client(await KeyAsync(role, agency));

    /// <summary>Stops this node; its temporary folder stays, so the same database can be served again.</summary>
    public async ValueTask StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private bool stopped;

    public Temp Folder => temp;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        temp.Dispose();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A valid request JSON for the given agency and id, submitted <paramref name="minutes"/> after a fixed noon.</summary>
    public static string Request(string id, string agency = "rochester-mn-pd", int minutes = 0, double radius = 200)
    {
        var submitted = Noon.AddMinutes(minutes).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return "{\"id\":\"" + id + "\",\"agency\":\"" + agency + "\",\"requester\":\"badge-1\",\"caseNumber\":\"C-1\",\"incidentType\":\"burglary\"," +
            "\"description\":\"Residential burglary, suspect fled on foot\",\"submittedAt\":\"" + submitted + "\"," +
            "\"window\":{\"start\":\"2026-08-01T01:00:00Z\",\"end\":\"2026-08-01T05:00:00Z\"}," +
            "\"area\":{\"center\":{\"lat\":44.02,\"lon\":-92.46},\"radiusMeters\":" + radius.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}";
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>
    /// A clock whose time the test sets; timers and elapsed time stay real, so that deadlines and
    /// delays behave as in production.
    /// </summary>
    public sealed class TestClock(DateTimeOffset now) : TimeProvider
    {
        private long ticks = now.UtcTicks;

        public DateTimeOffset Now
        {
            get => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref ticks, value.UtcTicks);
        }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A temporary folder removed on dispose.</summary>
    public sealed class Temp : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("oversight-service-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
