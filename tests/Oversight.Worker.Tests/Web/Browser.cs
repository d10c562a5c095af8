using Microsoft.Playwright;

namespace Oversight.Worker.Tests.Web;

/// <summary>The browser tests share one Chromium; each test has its own service and browser contexts.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright's own browser download is never used): the
/// executable is /usr/bin/chromium, or OVERSIGHT_CHROMIUM. .ci/run installs it where it is missing.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? chromium;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("OVERSIGHT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where the tests leave their screenshots of every page (desktop and narrow), to be looked at.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IBrowser Chromium => chromium ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath}: apt-get install -y chromium (.ci/run installs it), or set OVERSIGHT_CHROMIUM.");
        }

        Directory.CreateDirectory(Screenshots);
        playwright = await Playwright.CreateAsync();
        chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (its own cookies and storage) on the service, at a desktop or a narrow width.</summary>
    public async Task<IPage> PageAsync(string baseUrl, int width = 1280)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            AcceptDownloads = true,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        errorsByContext.Add(context, errors);
        context.Page += (_, page) => page.PageError += (_, error) => errors.Enqueue(error);
        return await context.NewPageAsync();
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, System.Collections.Concurrent.ConcurrentQueue<string>> errorsByContext = [];

    /// <summary>Script errors seen in the page's browser (none are expected).</summary>
    public IReadOnlyCollection<string> ErrorsOn(IPage page) =>
        errorsByContext.TryGetValue(page.Context, out var errors) ? [.. errors] : [];

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
