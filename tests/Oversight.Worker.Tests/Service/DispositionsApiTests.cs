using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;

namespace Oversight.Worker.Tests.Service;

public sealed class DispositionsApiTests
{
    private static async Task<(TestService Service, string Finding)> WithFindingAsync()
    {
        var service = await TestService.StartAsync("sqlite");
        await FindingsApiTests.SubmitTrackAsync(await service.ClientAsync(Roles.Agency, "rochester-mn-pd"));
        await service.App.Services.GetRequiredService<DetectionJob>().RunAsync(full: true, CancellationToken.None);
        var auditor = await service.ClientAsync(Roles.Auditor);
        var id = JsonDocument.Parse(await auditor.GetStringAsync("/v1/findings")).RootElement.GetProperty("findings")[0].GetProperty("id").GetString()!;
        return (service, id);
    }

    [Fact]
    public async Task Dispositions_PostedTwice_AreBothKeptWithWhoAndTheLatestCounts()
    {
        var (service, id) = await WithFindingAsync();
        await using var _ = service;
        var auditor = service.Client(await service.KeyAsync(Roles.Auditor));

        var first = await auditor.PostAsync($"/v1/findings/{id}/dispositions", TestService.Json("""{"disposition":"acknowledged"}"""));
        var second = await auditor.PostAsync($"/v1/findings/{id}/dispositions", TestService.Json("""{"disposition":"expected","note":"A search for a missing child."}"""));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var root = JsonDocument.Parse(await auditor.GetStringAsync($"/v1/findings/{id}/dispositions")).RootElement;
        Assert.Equal(["acknowledged", "expected"], root.GetProperty("dispositions").EnumerateArray().Select(d => d.GetProperty("disposition").GetString()));
        Assert.Equal("expected", root.GetProperty("latest").GetProperty("disposition").GetString());
        Assert.Equal("A search for a missing child.", root.GetProperty("latest").GetProperty("note").GetString());
        Assert.StartsWith("auditor", root.GetProperty("latest").GetProperty("by").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispositions_UnknownFindingOrBadValue_AreRefusedAndNothingIsStored()
    {
        var (service, id) = await WithFindingAsync();
        await using var _ = service;
        var auditor = await service.ClientAsync(Roles.Auditor);

        var unknown = await auditor.PostAsync("/v1/findings/f-nope/dispositions", TestService.Json("""{"disposition":"referred"}"""));
        var bad = await auditor.PostAsync($"/v1/findings/{id}/dispositions", TestService.Json("""{"disposition":"ignored","note":"x"}"""));
        var extra = await auditor.PostAsync($"/v1/findings/{id}/dispositions", TestService.Json("""{"disposition":"referred","by":"someone else"}"""));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("$.disposition", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, extra.StatusCode);
        await using var db = service.Database.CreateContext();
        Assert.Equal(0, await db.FindingDispositions.CountAsync());
    }

    [Theory]
    [InlineData(Roles.Agency)]
    [InlineData(Roles.Council)]
    public async Task Dispositions_ByAgencyOrCouncil_AreForbidden(string role)
    {
        var (service, id) = await WithFindingAsync();
        await using var _ = service;
        var client = await service.ClientAsync(role, role == Roles.Agency ? "rochester-mn-pd" : null);

        var response = await client.PostAsync($"/v1/findings/{id}/dispositions", TestService.Json("""{"disposition":"expected"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
