using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;
using UglyToad.PdfPig;

namespace Oversight.Worker.Tests.Service;

public sealed class ReportsApiTests
{
    private static async Task<TestService> WithHistoryAsync(string provider, string agencyId = "rochester-mn-pd", int count = 7)
    {
        var service = await TestService.StartAsync(provider, tune: o => o with { Geography = Path.Combine(AppContext.BaseDirectory, "samples", "olmsted-tracts-2020.geojson") });
        var agency = await service.ClientAsync(Roles.Agency, agencyId);
        for (var i = 0; i < count; i++)
        {
            service.Clock.Now = TestService.Noon.AddMinutes(i * 60 * 24 / 2);
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"secret-req-{i}", agencyId, minutes: i * 60 * 24 / 2)));
        }

        return service;
    }

    private static async Task<JsonElement> WaitAsync(TestService service, HttpClient client, string location)
    {
        var status = default(JsonElement);
        // PostgreSQL job storage polls its queue every 15 s; allow a few polls on a busy machine.
        for (var i = 0; i < 450; i++)
        {
            status = JsonDocument.Parse(await client.GetStringAsync(location)).RootElement;
            if (status.GetProperty("status").GetString() is "done" or "failed")
            {
                return status;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the report job did not finish within 90 s; last status {status}\n{service.Diagnostics()}");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Report_PostPollDownload_GivesPdfAndWorkbook(string provider)
    {
        await using var service = await WithHistoryAsync(provider);
        var council = await service.ClientAsync(Roles.Council);
        var response = await council.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var status = await WaitAsync(service, council, location);
        Assert.Equal("done", status.GetProperty("status").GetString());
        Assert.Equal(7, status.GetProperty("requests").GetInt32());
        Assert.Equal(64, status.GetProperty("inputSha256").GetString()!.Length);

        using var pdf = PdfDocument.Open(await council.GetByteArrayAsync(location + ".pdf"));
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Agencies submitted 7 requests", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-req", text, StringComparison.Ordinal);
        Assert.DoesNotContain("badge-1", text, StringComparison.Ordinal);

        using var workbook = new XLWorkbook(new MemoryStream(await council.GetByteArrayAsync(location + ".xlsx")));
        Assert.Equal(7, workbook.Worksheet("ByAgency").Cell(2, 2).GetValue<int>());
        Assert.Contains(workbook.Worksheet("ByGeography").Column(3).CellsUsed(), c => c.DataType == XLDataType.Number && c.GetValue<int>() == 7);
    }

    [Fact]
    public async Task Report_AfterDetection_CarriesTheStoredFindingsWithoutIdentifiers()
    {
        await using var service = await WithHistoryAsync("sqlite", "olmsted-county-so", count: 24);
        service.Clock.Now = TestService.Noon.AddMinutes(5);
        await FindingsApiTests.SubmitTrackAsync(await service.ClientAsync(Roles.Agency, "rochester-mn-pd"));
        await service.App.Services.GetRequiredService<DetectionJob>().RunAsync(full: true, CancellationToken.None);
        var council = await service.ClientAsync(Roles.Council);

        var response = await council.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""));
        var location = response.Headers.Location!.ToString();
        Assert.Equal("done", (await WaitAsync(service, council, location)).GetProperty("status").GetString());

        using var workbook = new XLWorkbook(new MemoryStream(await council.GetByteArrayAsync(location + ".xlsx")));
        var sheet = workbook.Worksheet("Findings");
        var row = sheet.RowsUsed().Skip(1).Single(r => r.Cell(3).GetString() == "track");
        Assert.Equal("high", row.Cell(2).GetString());
        Assert.DoesNotContain(sheet.CellsUsed(), c => c.GetString().Contains("badge-", StringComparison.Ordinal) || c.GetString().StartsWith("t-", StringComparison.Ordinal));
        using var pdf = PdfDocument.Open(await council.GetByteArrayAsync(location + ".pdf"));
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("follow one person's movements", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NotesStoredForThePeriodAndDispositions_AreInTheReportAndItsWebPage()
    {
        await using var service = await WithHistoryAsync("sqlite", "olmsted-county-so", count: 24);
        service.Clock.Now = TestService.Noon.AddMinutes(5);
        await FindingsApiTests.SubmitTrackAsync(await service.ClientAsync(Roles.Agency, "rochester-mn-pd"));
        await service.App.Services.GetRequiredService<DetectionJob>().RunAsync(full: true, CancellationToken.None);
        var auditor = await service.ClientAsync(Roles.Auditor);
        var finding = JsonDocument.Parse(await auditor.GetStringAsync("/v1/findings?kind=track")).RootElement.GetProperty("findings")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, (await auditor.PostAsync($"/v1/findings/{finding}/dispositions", TestService.Json("""{"disposition":"confirmed-violation","note":"The chain followed one resident home."}"""))).StatusCode);
        var council = await service.ClientAsync(Roles.Council);
        var stored = await council.PutAsync("/v1/reports/notes/2026Q3", new StringContent("sharing: Footage was shared once, with the county attorney.\n", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var bad = await council.PutAsync("/v1/reports/notes/2026Q3", new StringContent("sharing: ok\ncost: 12\n", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("unknown key 'cost'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("county attorney", await council.GetStringAsync("/v1/reports/notes/2026Q3"), StringComparison.Ordinal);

        var response = await council.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""));
        var location = response.Headers.Location!.ToString();
        Assert.Equal("done", (await WaitAsync(service, council, location)).GetProperty("status").GetString());
        var page = await council.GetAsync(location + ".html");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en-US\">", html, StringComparison.Ordinal);
        Assert.Contains("Footage was shared once, with the county attorney.", html, StringComparison.Ordinal);
        Assert.Contains("Confirmed violation", html, StringComparison.Ordinal);
        Assert.Contains("The chain followed one resident home.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_TwoHostsInOneProcess_EachRunsItsOwnJobs()
    {
        var hosts = await Task.WhenAll(WithHistoryAsync("sqlite"), WithHistoryAsync("sqlite"));
        await using var first = hosts[0];
        await using var second = hosts[1];
        Assert.NotSame(first.App.Services.GetRequiredService<Hangfire.JobStorage>(), second.App.Services.GetRequiredService<Hangfire.JobStorage>());
        foreach (var host in hosts)
        {
            // Jobs are built in the container of the host that runs them, never in the one that configured Hangfire last.
            using var scope = host.App.Services.GetRequiredService<Hangfire.JobActivator>().BeginScope((Hangfire.JobActivatorContext)null!);
            Assert.Same(host.App.Services.GetRequiredService<Oversight.Worker.Service.GateService>(), scope.Resolve(typeof(Oversight.Worker.Service.GateService)));
        }

        var statuses = await Task.WhenAll(hosts.Select(async host =>
        {
            var council = await host.ClientAsync(Roles.Council);
            var response = await council.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""));
            return await WaitAsync(host, council, response.Headers.Location!.ToString());
        }));

        Assert.All(statuses, s => Assert.Equal("done", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Report_InternalForCouncil_IsForbiddenButAuditorGetsRowLevelSheets()
    {
        await using var service = await WithHistoryAsync("sqlite");
        var council = await service.ClientAsync(Roles.Council);
        Assert.Equal(HttpStatusCode.Forbidden, (await council.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3","internal":true}"""))).StatusCode);
        var auditor = await service.ClientAsync(Roles.Auditor);
        var response = await auditor.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3","internal":true}"""));
        var location = response.Headers.Location!.ToString();
        Assert.Equal("done", (await WaitAsync(service, auditor, location)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await council.GetAsync(location)).StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await auditor.GetByteArrayAsync(location + ".xlsx")));
        Assert.Equal("secret-req-0", workbook.Worksheet("Requests").Cell(2, 1).GetString());
    }

    [Fact]
    public async Task Report_BadPeriodAndAgencyKey_AreRefused()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);
        var bad = await auditor.PostAsync("/v1/reports", TestService.Json("""{"period":"last quarter"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("$.period", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        Assert.Equal(HttpStatusCode.Forbidden, (await agency.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync("/v1/reports/nope.pdf")).StatusCode);
    }

    [Fact]
    public async Task Report_WhenTheDatabaseFailsUnderIt_FailsVisiblyWithoutInternals()
    {
        await using var service = await WithHistoryAsync("sqlite");
        await using (var db = service.Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE finding_dispositions");
        }

        var council = await service.ClientAsync(Roles.Council);
        var response = await council.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""));
        var status = await WaitAsync(service, council, response.Headers.Location!.ToString());

        Assert.Equal("failed", status.GetProperty("status").GetString());
        var error = status.GetProperty("error").GetString()!;
        Assert.Contains("internal error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("finding_dispositions", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await council.GetAsync(response.Headers.Location + ".pdf")).StatusCode);
    }

    [Fact]
    public async Task Quarterly_SameInputTwice_MakesOneReport()
    {
        await using var service = await WithHistoryAsync("sqlite");
        var job = new ReportJob(
            service.App.Services.GetRequiredService<Oversight.Worker.Service.GateService>(),
            service.App.Services.GetRequiredService<Oversight.Worker.Service.Log.TransparencyLog>(),
            service.App.Services.GetRequiredService<Oversight.Worker.Service.PolicyStore>(),
            Microsoft.Extensions.Options.Options.Create(service.Options),
            new FixedTime(new DateTimeOffset(2026, 10, 2, 12, 0, 0, TimeSpan.Zero)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ReportJob>.Instance);
        var first = await job.QuarterlyAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await job.QuarterlyAsync(CancellationToken.None));
        await using var db = service.Database.CreateContext();
        var record = Assert.Single(db.Reports);
        Assert.Equal(("2026Q3", "done", 7), (record.Period, record.Status, record.Requests));
    }

    [Fact]
    public async Task Report_StatesTheCheckpointItWasComputedFrom_AndCountsOnlyItsEntries()
    {
        await using var service = await WithHistoryAsync("sqlite");
        var checkpoint = await service.CheckpointAsync(7);
        Assert.True(Oversight.Log.SignedNote.TryParse(checkpoint, out var note, out _));
        Assert.True(Oversight.Log.Checkpoint.TryParse(note!.Text, out var signed, out _));
        var council = await service.ClientAsync(Roles.Council);

        var response = await council.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""));
        Assert.Equal("done", (await WaitAsync(service, council, response.Headers.Location!.ToString())).GetProperty("status").GetString());

        var html = await council.GetStringAsync(response.Headers.Location + ".html");
        Assert.Contains(signed!.Origin, html, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(signed.Root), html, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(new MemoryStream(await council.GetByteArrayAsync(response.Headers.Location + ".xlsx")));
        Assert.Contains(workbook.Worksheets.SelectMany(w => w.CellsUsed()), c => c.GetString().Contains(Convert.ToBase64String(signed.Root), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_RecomputedFromAnExportAndItsCheckpoint_GivesTheSameNumbers()
    {
        await using var service = await WithHistoryAsync("sqlite");
        var council = await service.ClientAsync(Roles.Council);
        var response = await council.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""));
        Assert.Equal("done", (await WaitAsync(service, council, response.Headers.Location!.ToString())).GetProperty("status").GetString());
        using var published = new XLWorkbook(new MemoryStream(await council.GetByteArrayAsync(response.Headers.Location + ".xlsx")));
        var checkpoint = Path.Combine(service.Folder.Path, "checkpoint.txt");
        File.WriteAllText(checkpoint, await service.Client().GetStringAsync("/v1/log/checkpoint"));
        var export = Path.Combine(service.Folder.Path, "log.jsonl");
        Assert.Equal(0, Cli.OversightProcess.Run("log", "export", "--db", service.Options.Db!, "--out", export).ExitCode);

        var xlsx = Path.Combine(service.Folder.Path, "recomputed.xlsx");
        var recomputed = Cli.OversightProcess.Run("report", "--policy", Path.Combine(service.PoliciesFolder, "test-limits.yaml"), "--export", export,
            "--checkpoint", checkpoint, "--key", service.LogVerifierKey, "--period", "2026Q3", "--xlsx", xlsx, "--geography", service.Options.Geography!);

        Assert.True(recomputed.ExitCode == 0, recomputed.Error);
        using var again = new XLWorkbook(xlsx);
        foreach (var sheet in new[] { "Weekly", "Denials", "ByAgency", "ByLegalBasis", "ByIncidentType", "ByGeography" })
        {
            string Cells(XLWorkbook book) => string.Join("|", book.Worksheet(sheet).CellsUsed().Select(c => c.Address + "=" + c.GetString()));
            Assert.Equal(Cells(published), Cells(again));
        }

        string Summary(XLWorkbook book) => string.Join("|", book.Worksheet("Summary").RowsUsed().Select(r => r.Cell(1).GetString() + "=" + r.Cell(2).GetString())
            .Where(line => !line.Contains("Generated", StringComparison.Ordinal) && !line.Contains("SHA-256", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(Summary(published), Summary(again));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Published_LatestPublicReportOfEachPeriod_ForAnyoneAndNeverAnInternalOne()
    {
        await using var service = await WithHistoryAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);
        var anyone = service.Client();
        var first = (await auditor.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""))).Headers.Location!.ToString();
        await WaitAsync(service, auditor, first);
        service.Clock.Now = service.Clock.Now.AddMinutes(1);
        var hidden = (await auditor.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3","internal":true}"""))).Headers.Location!.ToString();
        await WaitAsync(service, auditor, hidden);
        service.Clock.Now = service.Clock.Now.AddMinutes(1);
        var second = (await auditor.PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""))).Headers.Location!.ToString();
        await WaitAsync(service, auditor, second);

        var published = JsonDocument.Parse(await anyone.GetStringAsync("/v1/reports/published")).RootElement.GetProperty("reports");
        var only = Assert.Single(published.EnumerateArray());
        var id = second.Split('/')[^1];
        Assert.Equal(id, only.GetProperty("id").GetString());
        Assert.Equal($"/v1/reports/published/{id}.pdf", only.GetProperty("pdf").GetString());
        Assert.Equal("%PDF"u8.ToArray(), (await anyone.GetByteArrayAsync($"/v1/reports/published/{id}.pdf"))[..4]);

        // Neither the internal report nor an earlier public one is published; the report list itself needs a key.
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/v1/reports/published/{hidden.Split('/')[^1]}.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/v1/reports/published/{first.Split('/')[^1]}.html")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetAsync("/v1/reports")).StatusCode);
        var council = await service.ClientAsync(Roles.Council);
        var listed = JsonDocument.Parse(await council.GetStringAsync("/v1/reports")).RootElement.GetProperty("reports");
        Assert.Equal(2, listed.GetArrayLength());
        Assert.All(listed.EnumerateArray(), r => Assert.False(r.GetProperty("internal").GetBoolean()));
    }
}
