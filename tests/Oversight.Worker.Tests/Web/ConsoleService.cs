using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Oversight.Worker.Tests.Service;

namespace Oversight.Worker.Tests.Web;

/// <summary>
/// The real service on a loopback port for a browser, under the shipped Rochester policy with the
/// census tracts, its clock set by the test. <see cref="SeedAsync"/> submits a sample history
/// through the API, each request when it was made (the service's clock is moved to it).
/// </summary>
internal sealed class ConsoleService : IAsyncDisposable
{
    private ConsoleService(TestService service) => Service = service;

    public TestService Service { get; }

    public string Url => Service.Url;

    public TestService.TestClock Clock => Service.Clock;

    public static async Task<ConsoleService> StartAsync() =>
        new(await TestService.StartAsync("sqlite", listen: true, tune: o => o with
        {
            ActivePolicy = "rochester-mn",
            Geography = Path.Combine(AppContext.BaseDirectory, "samples", "olmsted-tracts-2020.geojson"),
        }));

    public Task<string> KeyAsync(string role, string? agency = null) => Service.KeyAsync(role, agency);

    /// <summary>Submits every request of a sample file (samples/history.jsonl: 400 requests in 2026Q3) as made at its submittedAt; the clock ends at the last.</summary>
    public async Task<int> SeedAsync(string sample = "history.jsonl")
    {
        var client = await Service.ClientAsync("admin");
        var recorded = 0;
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "samples", sample)))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            Clock.Now = DateTimeOffset.Parse(document.RootElement.GetProperty("submittedAt").GetString()!, CultureInfo.InvariantCulture);
            var response = await client.PostAsync("/v1/requests", TestService.Json(line));
            Assert.True(response.IsSuccessStatusCode, $"{sample}: {await response.Content.ReadAsStringAsync()}");
            recorded++;
        }

        return recorded;
    }

    /// <summary>Signs the page in with a key at /signin (it comes back to where it was sent from).</summary>
    public static async Task SignInAsync(IPage page, string key)
    {
        if (!page.Url.Contains("/signin", StringComparison.Ordinal))
        {
            await page.GotoAsync("/signin");
        }

        await page.Locator("#key").FillAsync(key);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Saves a full-page screenshot under the test output's screenshots folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var width = page.ViewportSize?.Width ?? 0;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, $"{name}-{width}.png"), FullPage = true });
    }

    /// <summary>Screenshots for the README (OVERSIGHT_SCREENSHOTS=1): the page from its top to the bottom of <paramref name="until"/>.</summary>
    public static async Task ReadmeShotAsync(IPage page, string name, string until)
    {
        if (Environment.GetEnvironmentVariable("OVERSIGHT_SCREENSHOTS") != "1")
        {
            return;
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.WaitForTimeoutAsync(800); // the map's zoom animation
        var box = await page.Locator(until).First.BoundingBoxAsync();
        var width = page.ViewportSize!.Width;
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Browser.Screenshots, $"readme-{name}.png"),
            FullPage = true,
            Clip = new Clip { X = 0, Y = 0, Width = width, Height = (float)(box!.Y + box.Height + 24) },
        });
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
