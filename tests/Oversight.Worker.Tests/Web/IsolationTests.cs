using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Oversight.Worker.Tests.Web;

/// <summary>
/// An agency's session sees its own agency's requests only — in every page, map, count, cursor
/// and download — and cannot reach the pages of other roles, however it asks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IsolationTests(Browser browser)
{
    [Fact]
    public async Task AgencySession_EveryPageAndCall_ShowsOnlyItsOwnRequests()
    {
        await using var service = await ConsoleService.StartAsync();
        await service.SeedAsync();
        var page = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(page, await service.KeyAsync("agency", "olmsted-county-so"));

        // The list counts, lists and maps its own 89 requests; asking for another agency changes nothing.
        foreach (var address in new[] { "/console/requests", "/console/requests?agency=rochester-mn-pd", "/console/requests?decision=allow&agency=mn-state-patrol" })
        {
            await page.GotoAsync(address);
            var html = await page.ContentAsync();
            Assert.DoesNotContain("RPD-REQ", html, StringComparison.Ordinal);
            Assert.DoesNotContain("MSP-REQ", html, StringComparison.Ordinal);
            Assert.DoesNotContain("rochester-mn-pd", html, StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("select#agency").CountAsync());
        }

        await page.GotoAsync("/console/requests");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("89 requests");
        using (var shapes = JsonDocument.Parse(await page.Locator("#requests-map").GetAttributeAsync("data-shapes") ?? "[]"))
        {
            Assert.Equal(50, shapes.RootElement.GetArrayLength());
            Assert.All(shapes.RootElement.EnumerateArray(), s => Assert.StartsWith("OCSO-REQ", s.GetProperty("label").GetString(), StringComparison.Ordinal));
        }

        // The next page's cursor is a place among its own entries, never the whole log's.
        var older = await page.Locator("a[rel=next]").GetAttributeAsync("href");
        var before = long.Parse(older!.Split("before=")[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(before, 1, 89);

        // Another agency's request does not exist for it, with or without naming the agency.
        foreach (var address in new[] { "/console/requests/RPD-REQ-0000004", "/console/requests/RPD-REQ-0000004?agency=rochester-mn-pd" })
        {
            var response = await page.GotoAsync(address);
            Assert.Equal(404, response!.Status);
            Assert.DoesNotContain("rochester-mn-pd", await page.ContentAsync(), StringComparison.Ordinal);
        }

        // The pages of other roles turn it away.
        foreach (var address in new[] { "/console/findings", "/console/simulations", "/console/reports", "/console/policies", "/console/keys", "/jobs" })
        {
            await page.GotoAsync(address);
            Assert.Contains("/denied", page.Url, StringComparison.Ordinal);
        }

        // Its session calling the API directly: still its own only, and no acting for another agency.
        await page.GotoAsync("/console/check");
        var answers = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const token = document.querySelector('input[name=__RequestVerificationToken]').value;
              const list = await (await fetch('/v1/requests?agency=rochester-mn-pd&limit=1000')).json();
              const entries = await (await fetch('/v1/log/entries?start=0&end=400')).json();
              const body = { agency: 'rochester-mn-pd', requester: 'b', submittedAt: new Date(Date.parse(document.querySelector('[data-check-form]').dataset.now)).toISOString(),
                window: { start: '2026-09-29T01:00:00Z', end: '2026-09-29T02:00:00Z' }, area: { center: { lat: 44.02, lon: -92.46 }, radiusMeters: 200 } };
              const check = await fetch('/v1/requests/check', { method: 'POST', headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token }, body: JSON.stringify(body) });
              const noToken = await fetch('/v1/requests/check', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
              return { agencies: [...new Set(list.items.map(i => i.requestId.split('-')[0]))], total: list.total, entries: entries.length, check: check.status, noToken: noToken.status };
            }
            """);
        Assert.Equal("OCSO", Assert.Single(answers.GetProperty("agencies").EnumerateArray()).GetString());
        Assert.Equal(89, answers.GetProperty("total").GetInt32());
        Assert.Equal(89, answers.GetProperty("entries").GetInt32());
        Assert.Equal(403, answers.GetProperty("check").GetInt32());
        Assert.Equal(400, answers.GetProperty("noToken").GetInt32());
    }

    [Fact]
    public async Task Session_Cookie_HttpOnlyStrictSlidingAndTheApiStillTakesBearerKeys()
    {
        await using var service = await ConsoleService.StartAsync();
        var key = await service.KeyAsync("auditor");
        var page = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(page, key);
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "oversight.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal(-1, session.Expires);
        Assert.DoesNotContain(key, session.Value, StringComparison.Ordinal);

        // The session's key is the caller's: a Bearer call needs no cookie and ignores one.
        using var response = await service.Service.Client(key).GetAsync("/v1/requests");
        Assert.True(response.IsSuccessStatusCode);

        // Signing out ends the session.
        await page.GotoAsync("/console/requests");
        await page.Locator("header button", new PageLocatorOptions { HasText = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin?signedOut=1");
        await page.GotoAsync("/console/requests");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
    }
}
