using System.Threading.RateLimiting;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Authentication;
using Oversight.Storage;
using Oversight.Worker.Service.Apis;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;
using Oversight.Worker.Service.Log;
using Oversight.Worker.Web;
using Microsoft.Extensions.Options;

namespace Oversight.Worker.Service;

/// <summary>Builds the service: storage, auth, rate limits, Hangfire, and the API.</summary>
public static class ServiceHost
{
    public static WebApplication Build(ServiceOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true).AddOversightFilters(options.Verbose);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddOversightCore(options);
        builder.Services.AddOversightSessions(options);
        builder.Services.AddOversightRateLimits(options);
        builder.Services.AddOversightJobs(options);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddOversightWeb(options);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseOversightWebErrors();
        // Routing after the error pages, so that a page's status (404) is shown by re-running routing for /error/404.
        app.UseRouting();
        app.UseAuthentication();
        app.UseSessionAntiforgeryForApi();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOversightEndpoints(options);
        if (options.Role != ServiceRole.Worker)
        {
            app.MapOversightWeb();
        }

        return app;
    }

    /// <summary>Creates or upgrades the schema, rebuilds the history, registers recurring jobs.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.GetRequiredService<GateService>().InitializeAsync(cancellationToken);
        var policies = app.Services.GetRequiredService<PolicyStore>();
        if (policies.ActiveId is { } active && policies.Find(active) is { } policy)
        {
            GateService.WarmUp(policy, app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        }

        // The first checkpoint is signed at once, so that the log's state is published from the start.
        await app.Services.GetRequiredService<TransparencyLog>().SignAsync(cancellationToken);
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<AuditJob>(AuditJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        recurring.AddOrUpdate<DetectionJob>(DetectionJob.HourlyId, job => job.RunAsync(false, CancellationToken.None), Cron.Hourly(15));
        recurring.AddOrUpdate<DetectionJob>(DetectionJob.NightlyId, job => job.RunAsync(true, CancellationToken.None), Cron.Daily(2));
        recurring.AddOrUpdate<ReportJob>(ReportJob.RecurringId, job => job.QuarterlyAsync(CancellationToken.None), Cron.Daily(4));
        if (app.Services.GetRequiredService<IOptions<LogOptions>>().Value.WitnessOf is not null)
        {
            recurring.AddOrUpdate<WitnessJob>(WitnessJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        else
        {
            recurring.RemoveIfExists(WitnessJob.RecurringId);
        }
    }

    /// <summary>
    /// Quiet by default: the framework's per-request and per-command lines only with --verbose;
    /// warnings and errors, and the service's own events, always.
    /// </summary>
    private static ILoggingBuilder AddOversightFilters(this ILoggingBuilder logging, bool verbose)
    {
        var framework = verbose ? LogLevel.Information : LogLevel.Warning;
        return logging
            .AddFilter("Microsoft.AspNetCore", framework)
            .AddFilter("Microsoft.EntityFrameworkCore", framework)
            .AddFilter("Microsoft.Hosting.Lifetime", framework)
            .AddFilter("Hangfire", framework);
    }

    private static void AddOversightCore(this IServiceCollection services, ServiceOptions options)
    {
        var database = DatabaseTarget.Parse(options.Db);
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options.Log));
        services.AddSingleton<TransparencyLog>();
        services.AddHostedService<CheckpointPublisher>();
        services.AddTransient<WitnessJob>();
        services.AddHttpClient(WitnessJob.HttpClientName);
        services.AddSingleton<GateService>();
        services.AddSingleton<Auth.KeyUsage>();
        services.AddSingleton<Auth.KnownKeys>();
        services.AddSingleton<RequestService>();
        services.AddSingleton<FindingService>();
        services.AddTransient<SimulationService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton(sp => new PolicyStore(options.PoliciesDirectory, options.ActivePolicy, sp.GetRequiredService<ILogger<PolicyStore>>()));
        services.AddTransient<AuditJob>();
        services.AddTransient<SimulationJob>();
        services.AddTransient<DetectionJob>();
        services.AddTransient<ReportJob>();
    }

    private static void AddOversightRateLimits(this IServiceCollection services, ServiceOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // One bucket per authenticated key (its id, however the header is written), and one
                // per client address for every call that did not authenticate: anonymous, unknown
                // or revoked keys share their address's bucket, so inventing keys gains nothing.
                var partition = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyClaim)?.Value is { } key
                    ? "key:" + key
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimit,
                    Window = options.RateWindow,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.RateWindow;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { type = "about:blank", title = "Too many requests", status = 429, detail = $"At most {options.RateLimit} requests per {options.RateWindow.TotalSeconds:0} s per API key." },
                    cancellationToken);
            };
        });
    }

    private static void AddOversightJobs(this IServiceCollection services, ServiceOptions options)
    {
        // This host's own storage, registered before AddHangfire so that the client, the recurring-job
        // manager and the server all use it rather than the process-wide JobStorage.Current.
        services.AddSingleton<JobStorage>(provider =>
        {
            var database = provider.GetRequiredService<DatabaseTarget>();
            if (database.Provider != DatabaseProvider.Postgres)
            {
                // A file of its own beside the database (Hangfire's schema is not EF Core's), so
                // that queued and recurring jobs survive a restart.
                var jobs = JobsFile(database);
                Directory.CreateDirectory(Path.GetDirectoryName(jobs)!);
                return new SQLiteStorage(jobs, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
            }

            var storageOptions = new PostgreSqlStorageOptions();
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(database.ConnectionString, storageOptions), storageOptions);
        });
        // Likewise its own job activator: Hangfire would otherwise take the process-wide
        // JobActivator.Current, which belongs to whichever host configured Hangfire last, and run
        // this host's jobs in that host's container (or fail once it is disposed).
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .UseLogProvider(new HangfireLogging(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        if (options.Role != ServiceRole.Api)
        {
            services.AddHangfireServer(server => server.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }
    }

    /// <summary>
    /// Anonymous health: "ok", or "alarm" with what is wrong with the decision log (a tampered entry,
    /// a checkpoint the log no longer matches), and whether checkpoints are being signed.
    /// </summary>
    private static Ok<HealthStatus> Health(TransparencyLog log)
    {
        var alarms = log.Alarms;
        return TypedResults.Ok(new HealthStatus(
            alarms.Count == 0 ? "ok" : "alarm",
            log.Signer is null ? $"not signed: {log.SignerProblem}" : $"signed as {log.Origin}",
            log.Tree.Size,
            alarms));
    }

    /// <summary>Where the embedded default keeps its jobs: <c>data/oversight.db</c> → <c>data/oversight.jobs.db</c>.</summary>
    public static string JobsFile(DatabaseTarget database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        return Path.ChangeExtension(file, ".jobs" + (Path.GetExtension(file) is { Length: > 0 } extension ? extension : ".db"));
    }

    private static void MapOversightEndpoints(this WebApplication app, ServiceOptions options)
    {
        app.MapGet("/healthz", Health).AllowAnonymous().WithTags("Health");
        app.MapOpenApi("/openapi/v1.json").RequireAuthorization();
        if (options.Role != ServiceRole.Worker)
        {
            app.MapGroup("/v1").MapRequestsApi().MapPoliciesApi().MapAuditApi().MapSimulationsApi().MapFindingsApi().MapDispositionsApi().MapReportsApi().MapLogApi();
        }

        app.MapHangfireDashboard("/jobs", new DashboardOptions { Authorization = [new AdminDashboardAuthorization()], AppPath = null })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));
    }
}

/// <summary>What <c>/healthz</c> answers.</summary>
/// <param name="Status">"ok", or "alarm" when the decision log does not verify.</param>
/// <param name="Checkpoints">Whether checkpoints are being signed, and as which log.</param>
/// <param name="Entries">Entries in the log.</param>
/// <param name="Alarms">What is wrong with the log, if anything.</param>
internal sealed record HealthStatus(string Status, string Checkpoints, long Entries, IReadOnlyList<string> Alarms);

/// <summary>The Hangfire dashboard is for admin keys only.</summary>
internal sealed class AdminDashboardAuthorization : Hangfire.Dashboard.IDashboardAuthorizationFilter
{
    public bool Authorize(Hangfire.Dashboard.DashboardContext context) =>
        Hangfire.Dashboard.AspNetCoreDashboardContextExtensions.GetHttpContext(context).User.IsInRole(Roles.Admin);
}
