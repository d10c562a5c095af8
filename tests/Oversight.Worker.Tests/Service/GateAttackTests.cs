using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Oversight.Synthetic;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

/// <summary>
/// Requests made to stall the gate or slip past its limits, sent to the real host as an agency
/// would: each is refused (or decided as the policy says), and another agency is still served promptly.
/// </summary>
public sealed class GateAttackTests
{
    [Theory]
    [InlineData(90)]
    [InlineData(-90)]
    public async Task CircleAtAPole_IsRefused_AndTheGateKeepsServing(double lat)
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var pole = Attack.Request("pole", area: $$"""{"center":{"lat":{{lat}},"lon":0},"radiusMeters":400}""");

        var check = await agency.PostAsync("/v1/requests/check", TestService.Json(pole)).WaitAsync(Attack.Promptly);

        Assert.Equal(HttpStatusCode.BadRequest, check.StatusCode);
        Assert.Contains("areas must lie between 85°S and 85°N", await check.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Attack.OthersAreStillServedAsync(service);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PartsFarApart_AreRefused_NothingIsRecorded_AndARestartIsQuick(string provider)
    {
        var temp = new TestService.Temp();
        var db = await TestService.NewDatabaseAsync(provider, temp);
        var first = await TestService.StartAsync(provider, db, temp);
        var agency = await first.ClientAsync(Roles.Agency, "rochester-mn-pd");
        foreach (var degrees in new[] { 60.0, 25.0, 0.5 })
        {
            var far = Attack.Request($"far-{degrees}", area: AdversarialAreas.FarApart(-92.47, 44.02, degrees));
            var response = await agency.PostAsync("/v1/requests", TestService.Json(far)).WaitAsync(Attack.Promptly);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("limits.maxExtentKm", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Attack.OthersAreStillServedAsync(first);
        await first.StopAsync();
        await using var second = await TestService.StartAsync(provider, db, temp).WaitAsync(Attack.Promptly);
        await using var context = second.Database.CreateContext();
        Assert.Equal(0, await context.Decisions.CountAsync());
    }

    [Fact]
    public async Task CombOverTheVertexLimit_IsRefused_AndOneOverTheBodyLimitIs413()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var comb = Attack.Request("comb", area: AdversarialAreas.Comb(-92.47, 44.015, 5_000, upward: true));
        var response = await agency.PostAsync("/v1/requests/check", TestService.Json(comb));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than the 1,000 allowed (limits.maxVertices)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var huge = Attack.Request("huge", area: AdversarialAreas.Comb(-92.47, 44.015, 48_000, upward: true));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await agency.PostAsync("/v1/requests", TestService.Json(huge))).StatusCode);
        await Attack.OthersAreStillServedAsync(service);
    }

    [Fact]
    public async Task InterleavingCombAgainstAStoredComb_IsDecided_AndOthersAreServed()
    {
        // The time this takes is measured in bench/ (AdversarialBenchmarks); here the deadline is generous
        // so that a loaded test machine cannot turn a decision into a 503.
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { ActivePolicy = "rochester-mn", EvaluationDeadline = TimeSpan.FromSeconds(5) });
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var stored = Attack.Request("stored-comb", area: AdversarialAreas.Comb(-92.47, 44.015, 1_000, upward: true));
        Assert.Equal(HttpStatusCode.Created, (await agency.PostAsync("/v1/requests", TestService.Json(stored))).StatusCode);

        var probe = Attack.Request("probe-comb", area: AdversarialAreas.Comb(-92.47, 44.015, 1_000, upward: false));
        var check = await agency.PostAsync("/v1/requests/check", TestService.Json(probe)).WaitAsync(Attack.Promptly);

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var samePlace = JsonDocument.Parse(await check.Content.ReadAsStringAsync()).RootElement.GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "same-place");
        Assert.Equal(1, samePlace.GetProperty("actual").GetInt32());
        await Attack.OthersAreStillServedAsync(service);
    }

    [Fact]
    public async Task EvaluationPastItsDeadline_Answers503_RecordsNothing_AndReleasesTheGate()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { EvaluationDeadline = TimeSpan.Zero });
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var response = await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("late"))).WaitAsync(Attack.Promptly);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("nothing was recorded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("late-2"))).WaitAsync(Attack.Promptly);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        await using var context = service.Database.CreateContext();
        Assert.Equal(0, await context.Decisions.CountAsync());
    }

    [Fact]
    public async Task KeyThatKeepsTheGateBusy_IsToldToWait_OthersAreNot()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { GateAllowance = TimeSpan.FromTicks(1), GateAllowanceWindow = TimeSpan.FromMinutes(10) });
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        Assert.Equal(HttpStatusCode.OK, (await agency.PostAsync("/v1/requests/check", TestService.Json(TestService.Request("a")))).StatusCode);

        var second = await agency.PostAsync("/v1/requests/check", TestService.Json(TestService.Request("b")));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await Attack.OthersAreStillServedAsync(service);
    }

    [Fact]
    public async Task BadgeWrittenFourWays_IsOneOfficer()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { ActivePolicy = "rochester-mn" });
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        string[] badges = ["badge-9", "BADGE-9", "badge\u20119", "badge-9\u200B", "Badge-9", "b\u0430dge-9"];
        var outcomes = new List<string?>();
        for (var i = 0; i < badges.Length; i++)
        {
            var request = Attack.Request($"officer-{i}", edit: json =>
            {
                json["requester"] = badges[i];
                json["caseNumber"] = $"RPD-2026-{i}";
                Attack.At(44.00 + (i * 0.012), -92.47)(json);
            });
            var response = await agency.PostAsync("/v1/requests", TestService.Json(request));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            outcomes.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("decision").GetString());
        }

        Assert.Equal(["allow", "allow", "allow", "allow", "allow", "review"], outcomes);
    }

    [Fact]
    public async Task SearchPolicyInThePolicyFolder_IsNoGate_ACheckOrSimulationAgainstItIsAnsweredNotCrashed()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var auditor = await service.ClientAsync(Roles.Auditor);

        var check = await agency.PostAsync("/v1/requests/check?policy=eugene-or-alpr", TestService.Json(TestService.Request("s-1")));
        var policies = await (await auditor.GetAsync("/v1/policies")).Content.ReadAsStringAsync();
        var candidate = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", "eugene-or-alpr.yaml"));
        var simulation = await auditor.PostAsync("/v1/simulations", TestService.Json(JsonSerializer.Serialize(new { candidate, period = "2026Q3" })));

        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
        Assert.DoesNotContain("eugene-or-alpr", policies, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, simulation.StatusCode);
        Assert.Contains("audits ALPR searches (subject: alpr-searches)", await simulation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pr\u043Etest", "protest")]
    [InlineData("protesting", "protest")]
    [InlineData("pro\u200Btest", "protest")]
    public async Task ForbiddenTermInDisguise_IsCaught(string word, string term)
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var request = Attack.Request("words", edit: json => json["description"] = $"Windows broken after the {word} downtown");
        var response = await agency.PostAsync("/v1/requests/check?policy=rochester-mn", TestService.Json(request));
        var rule = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "no-protests");
        Assert.Equal("violated", rule.GetProperty("outcome").GetString());
        Assert.Contains(term, rule.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManySmallParts_EachFailTheAreaFloor()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { ActivePolicy = "rochester-mn" });
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var lots = Oversight.Geo.Geometries.Factory.CreateMultiPolygon([.. Enumerable.Range(0, 10)
            .Select(i => AdversarialAreas.Square(-92.47 + (i * 0.003), 44.01, 130))]);
        var request = Attack.Request("lots", area: lots);

        var response = await agency.PostAsync("/v1/requests", TestService.Json(request));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var decision = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(decision.GetProperty("measures").GetProperty("areaSqMiles").GetDouble() > 0.025, "together the parts are over the floor");
        Assert.Equal("deny", decision.GetProperty("decision").GetString());
        var floor = decision.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "area-floor");
        Assert.Equal("violated", floor.GetProperty("outcome").GetString());
        Assert.Contains("part", floor.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmittedAtClaimedMonthsBack_IsRefused()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { ActivePolicy = "rochester-mn" });
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var claimed = service.Clock.Now.AddDays(-269);
        string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var request = Attack.Request("back-dated", edit: json =>
        {
            json["submittedAt"] = Time(claimed);
            json["window"] = new JsonObject { ["start"] = Time(service.Clock.Now.AddDays(-270)), ["end"] = Time(service.Clock.Now.AddDays(-269).AddHours(-1)) };
        });

        var response = await agency.PostAsync("/v1/requests", TestService.Json(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("behind the service's clock", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
