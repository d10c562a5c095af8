using System.Net;
using System.Text.Json;
using Oversight.Worker.Service;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

/// <summary>On the embedded default, jobs are kept in a SQLite file beside the database, not in memory.</summary>
public sealed class JobStorageTests
{
    [Fact]
    public async Task QueuedReport_SurvivesARestart_AndIsMadeByTheNextProcess()
    {
        var temp = new TestService.Temp();
        var db = await TestService.NewDatabaseAsync("sqlite", temp);

        // An API-only process: it queues the report but runs no jobs, then stops with the job still
        // queued (stopped, not disposed: disposing would remove the folder that holds the database).
        var api = await TestService.StartAsync("sqlite", db, temp, o => o with { Role = ServiceRole.Api });
        var agency = await api.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}", minutes: i)))).StatusCode);
        }

        var key = await api.KeyAsync(Roles.Council);
        var response = await api.Client(key).PostAsync("/v1/reports", TestService.Json("""{"period":"2026Q3"}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Equal("queued", JsonDocument.Parse(await api.Client(key).GetStringAsync(location)).RootElement.GetProperty("status").GetString());
        await api.StopAsync();

        Assert.True(File.Exists(Path.Combine(temp.Path, "oversight.jobs.db")), "the jobs live in their own file beside the database");

        await using var restarted = await TestService.StartAsync("sqlite", db, temp);
        var council = restarted.Client(key);
        var status = default(JsonElement);
        for (var i = 0; i < 300; i++)
        {
            status = JsonDocument.Parse(await council.GetStringAsync(location)).RootElement;
            if (status.GetProperty("status").GetString() is "done" or "failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.True(status.GetProperty("status").GetString() == "done", $"{status}\n{restarted.Diagnostics()}");
        Assert.Equal(3, status.GetProperty("requests").GetInt32());
    }

    [Fact]
    public void JobsFile_IsBesideTheDatabase_NeverTheDatabaseItself()
    {
        var database = Oversight.Storage.DatabaseTarget.Parse("/srv/oversight/data/oversight.db");
        Assert.Equal("/srv/oversight/data/oversight.jobs.db", ServiceHost.JobsFile(database));
        Assert.Equal("/srv/x.jobs.db", ServiceHost.JobsFile(Oversight.Storage.DatabaseTarget.Parse("/srv/x")));
    }
}
