using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oversight.Worker.Service.Jobs;
using Oversight.Worker.Web.Portal;

namespace Oversight.Worker.Tests.Web;

/// <summary>
/// Every page, as the role that uses it, at a desktop width and a narrow one (a phone, or a desktop
/// at 200% zoom and more): no serious or critical axe-core violation, nothing wider than the window
/// but the tables and maps that scroll inside their own box, and no layout shift while loading.
/// The screenshots are left in the test output's screenshots folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(Browser browser)
{
    [Fact]
    public async Task EveryPage_DesktopAndNarrow_NoSeriousViolationsNoOverflowNoShift()
    {
        await using var service = await ConsoleService.StartAsync();
        await service.SeedAsync("patterns.jsonl");
        await service.SeedAsync();
        var services = service.Service.App.Services;
        await services.GetRequiredService<DetectionJob>().RunAsync(true, CancellationToken.None);
        await services.GetRequiredService<PortalFigures>().RefreshAsync(CancellationToken.None);
        var admin = await service.KeyAsync("admin");
        var agency = await service.KeyAsync("agency", "rochester-mn-pd");

        // Something on every page: a report, a simulation, a finding, a recorded request.
        var api = service.Service.Client(admin);
        var report = await api.PostAsync("/v1/reports", ConsoleServiceJson("""{"period":"2026Q3"}"""));
        var reportId = report.Headers.Location!.ToString().Split('/')[^1];
        var simulation = await api.PostAsync("/v1/simulations", ConsoleServiceJson(System.Text.Json.JsonSerializer.Serialize(new
        {
            candidate = await File.ReadAllTextAsync(Path.Combine(service.Service.PoliciesFolder, "ccops-strict.yaml")),
            period = "2026Q3",
        })));
        var simulationId = simulation.Headers.Location!.ToString().Split('/')[^1];
        var findings = System.Text.Json.JsonDocument.Parse(await (await service.Service.ClientAsync("auditor")).GetStringAsync("/v1/findings?limit=1"));
        var findingId = findings.RootElement.GetProperty("findings")[0].GetProperty("id").GetString();
        await WaitForAsync(async () => (await api.GetStringAsync($"/v1/reports/{reportId}")).Contains("\"done\"", StringComparison.Ordinal));

        (string Key, string[] Paths)[] visits =
        [
            (string.Empty, ["/", "/methods", "/signin", "/nowhere"]),
            (agency, ["/console/check", "/console/requests", "/console/requests/RPD-REQ-0000004", "/console/findings"]),
            (admin, ["/console/requests?decision=deny", "/console/requests/RPD-REQ-0000004?agency=rochester-mn-pd", "/console/findings", $"/console/findings/{findingId}",
                "/console/simulations", $"/console/simulations/{simulationId}", "/console/reports", $"/console/reports/{reportId}", "/console/policies", "/console/keys"]),
        ];
        var failures = new List<string>();
        foreach (var width in new[] { 1280, 375 })
        {
            foreach (var (key, paths) in visits)
            {
                var page = await browser.PageAsync(service.Url, width);
                await page.AddInitScriptAsync("""
                    window.__shift = 0;
                    new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) { window.__shift += e.value; } } })
                      .observe({ type: 'layout-shift', buffered: true });
                    """);
                if (key.Length > 0)
                {
                    await ConsoleService.SignInAsync(page, key);
                }

                foreach (var path in paths)
                {
                    await page.GotoAsync(path);
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    var name = path == "/" ? "portal" : path.Trim('/').Replace("console/", string.Empty, StringComparison.Ordinal).Split('?')[0].Replace('/', '-');
                    if (Screenshots)
                    {
                        await ConsoleService.ScreenshotAsync(page, (key == agency ? "agency-" : string.Empty) + name);
                        if (path == "/" && width == 1280)
                        {
                            await ConsoleService.ReadmeShotAsync(page, "portal", "#portal-map");
                        }
                    }

                    // The markup is the same at every width (only the styles change), so axe runs once per page.
                    if (width == 1280)
                    {
                        var results = await page.RunAxe();
                        foreach (var violation in results.Violations.Where(v => v.Impact is "serious" or "critical"))
                        {
                            failures.Add($"{path}: {violation.Id} ({violation.Impact}): {violation.Help} — {string.Join("; ", violation.Nodes.Take(3).Select(n => n.Html))}");
                        }
                    }

                    var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                    if (overflow > 0)
                    {
                        failures.Add($"{path} at {width}px: {overflow}px wider than the window");
                    }

                    var shift = await page.EvaluateAsync<double>("() => window.__shift");
                    if (shift > 0.05)
                    {
                        failures.Add($"{path} at {width}px: layout shift {shift:0.###}");
                    }
                }

                failures.AddRange(browser.ErrorsOn(page).Select(e => $"script error: {e}"));
                await page.Context.CloseAsync();
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every page's screenshot at both widths, when OVERSIGHT_SCREENSHOTS=1 (they take a while).</summary>
    private static bool Screenshots => Environment.GetEnvironmentVariable("OVERSIGHT_SCREENSHOTS") == "1";

    private static StringContent ConsoleServiceJson(string json) => Service.TestService.Json(json);

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300 && !await condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
