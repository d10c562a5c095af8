using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Oversight.Worker.Service;
using static Microsoft.Playwright.Assertions;

namespace Oversight.Worker.Tests.Web;

/// <summary>The admin's journeys: keys made (shown once) and revoked (sessions end at once), policies refused, the jobs dashboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesTests(Browser browser)
{
    [Fact]
    public async Task Keys_MakeShownOnceThenRevoke_TheKeysSessionEndsAndTheApiRefusesIt()
    {
        await using var service = await ConsoleService.StartAsync();
        var admin = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(admin, await service.KeyAsync("admin"));
        Assert.EndsWith("/console/keys", admin.Url, StringComparison.Ordinal);

        // An agency key needs its agency: said beside the field, the choice kept.
        await admin.Locator("#role-agency").CheckAsync();
        await admin.Locator("button", new PageLocatorOptions { HasText = "Make the key" }).ClickAsync();
        await Expect(admin.Locator("#agency-error")).ToContainTextAsync("Enter the agency");

        await admin.Locator("#agency").FillAsync("olmsted-county-so");
        await admin.Locator("#name").FillAsync("records-clerk-2");
        await admin.Locator("button", new PageLocatorOptions { HasText = "Make the key" }).ClickAsync();
        var key = await admin.Locator("#new-key").InputValueAsync();
        Assert.StartsWith("ovk_", key, StringComparison.Ordinal);
        await Expect(admin.Locator("table")).ToContainTextAsync("records-clerk-2");
        await ConsoleService.ScreenshotAsync(admin, "keys");

        // Shown once: a reload lists the key, never the secret.
        await admin.ReloadAsync();
        Assert.Equal(0, await admin.Locator("#new-key").CountAsync());
        Assert.DoesNotContain(key, await admin.ContentAsync(), StringComparison.Ordinal);

        // The clerk signs in with it and works.
        var clerk = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(clerk, key);
        Assert.EndsWith("/console/check", clerk.Url, StringComparison.Ordinal);

        // Revoked: the clerk's next page sends them to sign in, and the key no longer signs in or calls the API.
        var row = admin.Locator("tr", new PageLocatorOptions { HasText = "records-clerk-2" });
        await row.Locator("button", new LocatorLocatorOptions { HasText = "Revoke" }).ClickAsync();
        await Expect(admin.Locator("[role=status]")).ToContainTextAsync("revoked");
        await Expect(row).ToContainTextAsync("revoked");
        await clerk.GotoAsync("/console/requests");
        Assert.Contains("/signin?returnUrl=%2Fconsole%2Frequests", clerk.Url, StringComparison.Ordinal);
        await ConsoleService.SignInAsync(clerk, key);
        await Expect(clerk.Locator("#key-error")).ToContainTextAsync("revoked");
        var api = service.Service.Client(key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/v1/requests")).StatusCode);
        Assert.Empty(browser.ErrorsOn(admin));
    }

    [Fact]
    public async Task Jobs_AdminSessionOpensTheDashboard_OtherRolesAreTurnedAway()
    {
        await using var service = await ConsoleService.StartAsync();
        var admin = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(admin, await service.KeyAsync("admin"));
        var response = await admin.GotoAsync("/jobs");
        Assert.Equal(200, response!.Status);
        await Expect(admin.Locator("body")).ToContainTextAsync("Recurring");

        var auditor = await browser.PageAsync(service.Url);
        await ConsoleService.SignInAsync(auditor, await service.KeyAsync("auditor"));
        await auditor.GotoAsync("/jobs");
        Assert.Contains("/denied", auditor.Url, StringComparison.Ordinal);
        await Expect(auditor.Locator("h1")).ToHaveTextAsync("This page is not for your role");

        var visitor = await browser.PageAsync(service.Url);
        await visitor.GotoAsync("/jobs");
        Assert.Contains("/signin?returnUrl=%2Fjobs", visitor.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policies_ABrokenFileIsSaved_ListedAsRefusedWithItsLineAndColumn()
    {
        await using var service = await ConsoleService.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(service.Service.PoliciesFolder, "draft.yaml"), "policy: draft\nversion: \"1\"\nrules:\n  - { id: a, kind: max-aera, limit: 1 sq mi }\n");
        service.Service.App.Services.GetRequiredService<PolicyStore>().Reload();
        var page = await browser.PageAsync(service.Url, width: 375);
        await ConsoleService.SignInAsync(page, await service.KeyAsync("auditor"));
        await page.GotoAsync("/console/policies");
        var refused = page.Locator(".alarm");
        await Expect(refused).ToContainTextAsync("draft.yaml");
        await Expect(refused).ToContainTextAsync(":4:");
        await Expect(page.Locator("table").First).ToContainTextAsync("rochester-mn");
        await ConsoleService.ScreenshotAsync(page, "policies");
    }
}
