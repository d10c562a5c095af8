using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Oversight.Worker.Tests.Web;

/// <summary>The agency's journey: sign in, draw an area, watch the decision as a limit is crossed, submit, find it in the log.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckPageTests(Browser browser)
{
    [Fact]
    public async Task Check_DrawCrossLimitSubmit_DecisionFollowsTheAreaAndTheEntryIsInTheLog()
    {
        await using var service = await ConsoleService.StartAsync();
        var key = await service.KeyAsync("agency", "rochester-mn-pd");
        var page = await browser.PageAsync(service.Url);

        // A page that needs a session sends the browser to sign in, and back.
        await page.GotoAsync("/console/check");
        Assert.Contains("/signin?returnUrl=%2Fconsole%2Fcheck", page.Url, StringComparison.Ordinal);
        await ConsoleService.SignInAsync(page, key);
        Assert.EndsWith("/console/check", page.Url, StringComparison.Ordinal);

        await FillRequestAsync(page);

        // Draw a circle with the mouse on the map's drawing tool; the fields follow the drawing.
        await page.Locator(".leaflet-draw-draw-circle").ClickAsync();
        var map = (await page.Locator("#check-map").BoundingBoxAsync())!;
        var (x, y) = (map.X + (map.Width / 2), map.Y + (map.Height / 2));
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 4, y, new MouseMoveOptions { Steps = 4 });
        await page.Mouse.UpAsync();
        await Expect(page.Locator("#lat")).Not.ToHaveValueAsync(string.Empty);
        Assert.NotEqual(string.Empty, await page.Locator("#radius").InputValueAsync());

        // 250 m: within every limit.
        await page.Locator("#radius").FillAsync("250");
        var verdict = page.Locator("#verdict .decision-verdict .tag");
        await Expect(verdict).ToHaveTextAsync("Allowed");

        // 900 m is 0.98 sq mi, over the 0.5 sq mi limit: denied by area-limit, said in words.
        await page.Locator("#radius").FillAsync("900");
        await Expect(verdict).ToHaveTextAsync("Denied");
        var areaRule = page.Locator("#verdict tr.rule--violated", new PageLocatorOptions { HasText = "area-limit" });
        await Expect(areaRule).ToContainTextAsync("Broken: denies");
        await Expect(areaRule).ToContainTextAsync("larger than the 0.5 sq mi limit");

        await page.Locator("#radius").FillAsync("250");
        await Expect(verdict).ToHaveTextAsync("Allowed");
        await ConsoleService.ScreenshotAsync(page, "check");
        await page.Locator("#radius").PressAsync("Tab");
        await ConsoleService.ReadmeShotAsync(page, "check", "#lat");

        await page.Locator("button[value=submit]").ClickAsync();
        await page.WaitForURLAsync("**/console/requests/**recorded=1");
        await Expect(page.Locator("[data-recorded]")).ToContainTextAsync("Request recorded");
        await Expect(page.Locator(".decision-verdict .tag")).ToHaveTextAsync("Allowed");
        var id = Uri.UnescapeDataString(new Uri(page.Url).AbsolutePath.Split('/')[^1]);

        // The receipt comes with the next checkpoint (signed within moments in the tests).
        for (var i = 0; i < 40 && await page.Locator("a:has-text('Download the receipt')").CountAsync() == 0; i++)
        {
            await Task.Delay(100);
            await page.ReloadAsync();
        }

        await Expect(page.Locator("a:has-text('Download the receipt')")).ToBeVisibleAsync();
        await ConsoleService.ScreenshotAsync(page, "request");

        await page.GotoAsync("/console/requests");
        await Expect(page.Locator("table a", new PageLocatorOptions { HasText = id })).ToBeVisibleAsync();
        Assert.Empty(browser.ErrorsOn(page));
    }

    [Fact]
    public async Task Check_KeyboardOnlyWithTheCircleFields_RecordsWithoutTheMap()
    {
        await using var service = await ConsoleService.StartAsync();
        var page = await browser.PageAsync(service.Url, width: 375);
        await ConsoleService.SignInAsync(page, await service.KeyAsync("agency", "rochester-mn-pd"));
        await page.GotoAsync("/console/check");
        await FillRequestAsync(page);

        // Keyboard only: every field is reached and filled with keys; the map is never needed.
        foreach (var (field, text) in new[] { ("#lat", "44.0215"), ("#lon", "-92.4650"), ("#radius", "300") })
        {
            await page.Locator(field).FocusAsync();
            await page.Keyboard.TypeAsync(text);
        }

        await Expect(page.Locator("#verdict .decision-verdict .tag")).ToHaveTextAsync("Allowed");
        await page.Locator("button[value=submit]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**recorded=1");
        await Expect(page.Locator(".summary-list").First).ToContainTextAsync("A circle of 300 m");
        Assert.Empty(browser.ErrorsOn(page));
    }

    [Fact]
    public async Task Check_SubmitWithProblems_EveryProblemNextToItsFieldAndNothingTypedLost()
    {
        await using var service = await ConsoleService.StartAsync();
        var page = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(page, await service.KeyAsync("agency", "rochester-mn-pd"));
        await page.GotoAsync("/console/check");
        await page.Locator("#description").FillAsync("Residential burglary, suspect fled on foot");
        await page.Locator("#lat").FillAsync("44.02");
        await page.Locator("#lon").FillAsync("-92.46");
        await page.Locator("#radius").FillAsync("250");
        await page.Locator("#windowStart").FillAsync("2026-08-01T05:00");
        await page.Locator("#windowEnd").FillAsync("2026-08-01T04:00");
        await page.Locator("button[value=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The API's own messages, in the summary and beside each field.
        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Requester: Required field is missing");
        await Expect(page.Locator("#requester-error")).ToContainTextAsync("Required field is missing");
        await Expect(page.Locator("#windowEnd-error")).ToContainTextAsync("at or before it starts");
        await Expect(page.Locator(".error-summary a[href='#windowEnd']")).ToBeVisibleAsync();
        Assert.Equal("Residential burglary, suspect fled on foot", await page.Locator("#description").InputValueAsync());
        Assert.Equal("250", await page.Locator("#radius").InputValueAsync());
        Assert.Contains("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        await ConsoleService.ScreenshotAsync(page, "check-errors");
        await Assert.ThrowsAsync<TimeoutException>(() => page.WaitForURLAsync("**recorded=1", new PageWaitForURLOptions { Timeout = 500 }));
    }

    [Fact]
    public async Task Check_SessionEndsWhileDrawing_SignInAgainAndTheDraftIsBack()
    {
        await using var service = await ConsoleService.StartAsync();
        var key = await service.KeyAsync("agency", "rochester-mn-pd");
        var page = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(page, key);
        await page.GotoAsync("/console/check");
        await FillRequestAsync(page);
        await page.Locator("#areaKind-polygon").CheckAsync();
        const string Area = """{"type":"Polygon","coordinates":[[[-92.466,44.020],[-92.458,44.020],[-92.458,44.026],[-92.466,44.026],[-92.466,44.020]]]}""";
        await page.Locator("#areaGeoJson").FillAsync(Area);
        await Expect(page.Locator("#verdict .decision-verdict .tag")).ToHaveTextAsync("Allowed");

        // The session ends (cookies gone): the next check says so and links to sign in.
        await page.Context.ClearCookiesAsync();
        await page.Locator("#caseNumber").FillAsync("RPD-2026-0042");
        var signIn = page.Locator("#verdict a", new PageLocatorOptions { HasText = "sign in again" });
        await Expect(signIn).ToBeVisibleAsync();
        await signIn.ClickAsync();
        await ConsoleService.SignInAsync(page, key);

        // Back on the page, with everything typed and drawn.
        Assert.EndsWith("/console/check", page.Url, StringComparison.Ordinal);
        Assert.Equal("RPD-2026-0042", await page.Locator("#caseNumber").InputValueAsync());
        Assert.Equal(Area, await page.Locator("#areaGeoJson").InputValueAsync());
        await Expect(page.Locator("#areaKind-polygon")).ToBeCheckedAsync();
        await Expect(page.Locator("#check-map path.leaflet-interactive").First).ToBeVisibleAsync();
        await Expect(page.Locator("#verdict .decision-verdict .tag")).ToHaveTextAsync("Allowed");
        Assert.Empty(browser.ErrorsOn(page));
    }

    /// <summary>Every field but the area: a burglary, four hours of footage the night before (the service's clock is 2026-08-01 07:05 local).</summary>
    private static async Task FillRequestAsync(IPage page)
    {
        await page.Locator("#requester").FillAsync("badge-4411");
        await page.Locator("#caseNumber").FillAsync("RPD-2026-01234");
        await page.Locator("#incidentType").FillAsync("burglary");
        await page.Locator("#description").FillAsync("Residential burglary, suspect fled on foot northbound on 3rd Ave SE");
        await page.Locator("#windowStart").FillAsync("2026-08-01T01:00");
        await page.Locator("#windowEnd").FillAsync("2026-08-01T05:00");
    }
}
