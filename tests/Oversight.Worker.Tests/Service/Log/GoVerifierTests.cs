using System.Diagnostics;
using Oversight.Log;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service.Log;

/// <summary>
/// Our checkpoints and proofs, checked by Go's own verifiers unchanged (golang.org/x/mod/sumdb/note
/// and tlog, from Debian's golang-golang-x-mod-dev): the formats are the ecosystem's, not ours.
/// </summary>
public sealed class GoVerifierTests
{
    [Fact]
    public async Task CheckpointsAndProofs_VerifyWithGo()
    {
        var go = FindGo();
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 0; i < 3; i++)
        {
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"g-{i}", minutes: i)));
        }

        var old = await service.CheckpointAsync(3);
        for (var i = 3; i < 11; i++)
        {
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"g-{i}", minutes: i % 5)));
        }

        // A witness's cosignature line on the newer checkpoint: Go must ignore a signature it does not know.
        var newer = await service.CheckpointAsync(11);
        Assert.True(SignedNote.TryParse(newer, out var note, out _));
        Assert.True(Checkpoint.TryParse(note!.Text, out var checkpoint, out _));
        using var witness = NoteSigner.Generate("witness.test/go", NoteKeyType.Cosignature);
        newer = note.With(witness.Cosign(checkpoint!.Body, new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero))).ToString();
        Assert.True(SignedNote.TryParse(old, out var oldNote, out _));
        Assert.True(Checkpoint.TryParse(oldNote!.Text, out var oldCheckpoint, out _));

        using var temp = new TestService.Temp();
        string Save(string name, string text)
        {
            var path = Path.Combine(temp.Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        var client = service.Client();
        var args = new[]
        {
            service.LogVerifierKey,
            Save("old.txt", old),
            Save("new.txt", newer),
            Save("inclusion.json", await client.GetStringAsync($"/v1/log/proof/inclusion?index=6&treeSize={checkpoint.Size}")),
            Save("consistency.json", await client.GetStringAsync($"/v1/log/proof/consistency?from={oldCheckpoint!.Size}&to={checkpoint.Size}")),
        };

        var (exit, output) = RunGo(go, args);
        Assert.True(exit == 0, output);
        Assert.Contains($"ok: {oldCheckpoint.Size}..{checkpoint.Size}", output, StringComparison.Ordinal);

        // And Go rejects what it should: a proof for another leaf.
        args[3] = Save("inclusion-bad.json", await client.GetStringAsync($"/v1/log/proof/inclusion?index=5&treeSize={checkpoint.Size}").ContinueWith(t => t.Result.Replace("\"leafIndex\":5", "\"leafIndex\":6", StringComparison.Ordinal)));
        var (badExit, badOutput) = RunGo(go, args);
        Assert.True(badExit != 0, badOutput);
        Assert.Contains("CheckRecord", badOutput, StringComparison.Ordinal);
    }

    private static string FindGo()
    {
        var go = new[] { "/usr/bin/go", "/usr/lib/go/bin/go", "/usr/local/go/bin/go" }.FirstOrDefault(File.Exists);
        Assert.True(go is not null && Directory.Exists("/usr/share/gocode/src/golang.org/x/mod/sumdb/note"),
            "this test needs Go and its sumdb verifiers: apt-get install golang-go golang-golang-x-mod-dev (.ci/run installs them)");
        return go!;
    }

    private static (int Exit, string Output) RunGo(string go, string[] args)
    {
        var start = new ProcessStartInfo(go)
        {
            WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "go"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("verify.go");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // GOPATH mode over Debian's Go sources; a private cache, so parallel runs do not collide.
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = "/usr/share/gocode";
        start.Environment["GOFLAGS"] = "-mod=mod";
        start.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "oversight-go-cache");
        start.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "go run did not finish in 3 minutes");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
