using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oversight.Worker.Service.Jobs;
using static Microsoft.Playwright.Assertions;

namespace Oversight.Worker.Tests.Web;

/// <summary>The auditor's journeys: triage a finding, try a candidate policy; and the council's: make and download a report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditorPagesTests(Browser browser)
{
    [Fact]
    public async Task Findings_TriageOne_DispositionRecordedWithNoteAndShownInItsHistory()
    {
        await using var service = await ConsoleService.StartAsync();
        await service.SeedAsync("patterns.jsonl");
        await service.Service.App.Services.GetRequiredService<DetectionJob>().RunAsync(true, CancellationToken.None);
        var page = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(page, await service.KeyAsync("auditor"));

        await page.GotoAsync("/console/findings");
        var track = page.Locator("table a", new PageLocatorOptions { HasText = "Could follow one person's movements" }).First;
        await Expect(track).ToBeVisibleAsync();
        await ConsoleService.ScreenshotAsync(page, "findings");
        await track.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var findingId = new Uri(page.Url).AbsolutePath.Split('/')[^1];

        // Its requests are listed and drawn on the map.
        var rows = await page.Locator("table[class=table] tbody tr").CountAsync();
        Assert.True(rows >= 3, $"{rows} requests listed");
        Assert.True(await page.Locator("#finding-map path.leaflet-interactive").CountAsync() >= 3);

        // Nothing chosen: the API's message beside the choices, the note kept.
        await page.Locator("#note").FillAsync("Sent to the chief with the four requests.");
        await page.Locator("button", new PageLocatorOptions { HasText = "Record the disposition" }).ClickAsync();
        await Expect(page.Locator("#disposition-acknowledged-error")).ToContainTextAsync("one of acknowledged, referred, expected, confirmed-violation");
        Assert.Equal("Sent to the chief with the four requests.", await page.Locator("#note").InputValueAsync());

        await page.Locator("#disposition-referred").CheckAsync();
        await page.Locator("button", new PageLocatorOptions { HasText = "Record the disposition" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Your disposition was recorded");
        var history = page.Locator("table", new PageLocatorOptions { Has = page.Locator("caption", new PageLocatorOptions { HasText = "Dispositions" }) });
        await Expect(history).ToContainTextAsync("Referred");
        await Expect(history).ToContainTextAsync("Sent to the chief with the four requests.");
        await ConsoleService.ScreenshotAsync(page, "finding");

        // The API gives the same disposition.
        var api = await service.Service.ClientAsync("auditor");
        using var dispositions = JsonDocument.Parse(await api.GetStringAsync($"/v1/findings/{findingId}/dispositions"));
        Assert.Equal("referred", dispositions.RootElement.GetProperty("latest").GetProperty("disposition").GetString());
        Assert.Empty(browser.ErrorsOn(page));
    }

    [Fact]
    public async Task Simulations_EditRunDownload_ProblemsWithLineAndColumnThenTheDiffAndTheWorkbook()
    {
        await using var service = await ConsoleService.StartAsync();
        await service.SeedAsync();
        var page = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(page, await service.KeyAsync("auditor"));
        await page.GotoAsync("/console/simulations");

        // It starts from the active policy's text, which loads.
        var editor = page.Locator("#candidate");
        Assert.Contains("policy: rochester-mn", await editor.InputValueAsync(), StringComparison.Ordinal);
        await Expect(page.Locator("[data-live-problems]")).ToContainTextAsync("no problems");

        // A mistake, as it is typed: named with its line and column.
        var text = (await editor.InputValueAsync()).Replace("kind: max-area,   limit: 0.5 sq mi", "kind: max-aera,   limit: 0.5 sq mi", StringComparison.Ordinal);
        await editor.FillAsync(text);
        var problems = page.Locator("[data-live-problems]");
        await Expect(problems).ToContainTextAsync("Line 15, column");
        await Expect(problems).ToContainTextAsync("max-aera");

        // Run anyway: the same problem, at the top and beside the editor; the text is kept.
        await page.Locator("#period").FillAsync("2026Q3");
        await page.Locator("button", new PageLocatorOptions { HasText = "Run the simulation" }).ClickAsync();
        await Expect(page.Locator("#candidate-error")).ToContainTextAsync("Line 15, column");
        Assert.Contains("max-aera", await page.Locator("#candidate").InputValueAsync(), StringComparison.Ordinal);

        // A stricter area limit: runs now and shows what changes, by rule and by agency.
        await page.Locator("#candidate").FillAsync(text.Replace("kind: max-aera,   limit: 0.5 sq mi", "kind: max-area,   limit: 0.2 sq mi", StringComparison.Ordinal));
        await Expect(problems).ToContainTextAsync("no problems");
        await page.Locator("button", new PageLocatorOptions { HasText = "Run the simulation" }).ClickAsync();
        await page.WaitForURLAsync("**/console/simulations/*");
        await Expect(page.Locator("h2", new PageLocatorOptions { HasText = "By rule" })).ToBeVisibleAsync();
        await Expect(page.Locator("table", new PageLocatorOptions { HasText = "area-limit" }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".lead")).ToContainTextAsync("would be decided differently");
        await ConsoleService.ScreenshotAsync(page, "simulation");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a", new PageLocatorOptions { HasText = "Download the workbook" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Empty(browser.ErrorsOn(page));
    }

    [Fact]
    public async Task Reports_CouncilMakesOne_ProgressThenDownloadsAndThePortalPublishesIt()
    {
        await using var service = await ConsoleService.StartAsync();
        await service.SeedAsync();
        var page = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(page, await service.KeyAsync("council"));
        Assert.EndsWith("/console/reports", page.Url, StringComparison.Ordinal);

        // A council key asks for public reports only.
        Assert.Equal(0, await page.Locator("#internal").CountAsync());
        await page.Locator("#period").FillAsync("2026Q3");
        await page.Locator("button", new PageLocatorOptions { HasText = "Make the report" }).ClickAsync();
        await page.WaitForURLAsync("**/console/reports/*");
        await Expect(page.Locator("a", new PageLocatorOptions { HasText = "PDF" })).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        await ConsoleService.ScreenshotAsync(page, "report");

        var pdf = await page.RunAndWaitForDownloadAsync(() => page.Locator("a", new PageLocatorOptions { HasText = "PDF" }).ClickAsync());
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(await pdf.PathAsync()))[..4]);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Locator("a", new PageLocatorOptions { HasText = "Workbook" }).ClickAsync());
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(await xlsx.PathAsync()))[..2]);

        // Not a page for a council key.
        await page.GotoAsync("/console/requests");
        Assert.Contains("/denied", page.Url, StringComparison.Ordinal);

        // Anyone reads the published report on the portal, without signing in.
        var visitor = await browser.PageAsync(service.Url);
        await visitor.GotoAsync("/");
        var published = visitor.Locator("#reports ~ .table-wrap a", new PageLocatorOptions { HasText = "PDF" }).First;
        await Expect(published).ToBeVisibleAsync();
        var download = await visitor.RunAndWaitForDownloadAsync(() => published.ClickAsync());
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(await download.PathAsync()))[..4]);
        Assert.Empty(browser.ErrorsOn(page));
    }
}
