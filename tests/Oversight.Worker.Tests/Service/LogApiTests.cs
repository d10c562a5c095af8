using System.Net;
using System.Text.Json;
using Oversight.Log;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

/// <summary>The transparency log's endpoints: what anyone can check, and what they refuse.</summary>
public sealed class LogApiTests
{
    private static byte[] Hash(JsonElement element) => Convert.FromBase64String(element.GetString()!);

    [Fact]
    public async Task Checkpoint_IsSignedByTheServedKey_AndProofsVerifyAgainstIt()
    {
        await using var service = await AuditTests.FourEntriesAsync("sqlite");
        var anonymous = service.Client();
        var text = await service.CheckpointAsync(4);
        Assert.True(SignedNote.TryParse(text, out var note, out var error), error);
        Assert.True(NoteKey.TryParse(await anonymous.GetStringAsync("/v1/log/key"), out var key, out error), error);
        Assert.True(key!.Verifies(note!));
        Assert.True(Checkpoint.TryParse(note!.Text, out var checkpoint, out error), error);
        Assert.Equal(TestService.LogOrigin, checkpoint!.Origin);

        var leaves = JsonDocument.Parse(await anonymous.GetStringAsync($"/v1/log/leaves?start=0&end={checkpoint.Size}")).RootElement.EnumerateArray().Select(Hash).ToList();
        for (var i = 0; i < checkpoint.Size; i++)
        {
            var proof = JsonDocument.Parse(await anonymous.GetStringAsync($"/v1/log/proof/inclusion?index={i}&treeSize={checkpoint.Size}")).RootElement;
            Assert.Equal(leaves[i], Hash(proof.GetProperty("leafHash")));
            Assert.True(Proofs.VerifyInclusion(i, checkpoint.Size, leaves[i], proof.GetProperty("hashes").EnumerateArray().Select(Hash).ToList(), checkpoint.Root));
        }

        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-5", minutes: 5)));
        Assert.True(SignedNote.TryParse(await service.CheckpointAsync(5), out var later, out _));
        Assert.True(Checkpoint.TryParse(later!.Text, out var grown, out _));
        var consistency = JsonDocument.Parse(await anonymous.GetStringAsync($"/v1/log/proof/consistency?from={checkpoint.Size}&to={grown!.Size}")).RootElement;
        Assert.True(Proofs.VerifyConsistency(checkpoint.Size, grown.Size, checkpoint.Root, grown.Root, consistency.GetProperty("hashes").EnumerateArray().Select(Hash).ToList()));
    }

    [Fact]
    public async Task Receipt_AfterSubmission_ProvesTheEntryIsInASignedCheckpoint()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var submitted = JsonDocument.Parse(await (await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-1")))).Content.ReadAsStringAsync()).RootElement;
        var receipt = submitted.GetProperty("receipt");
        Assert.Equal(0, receipt.GetProperty("leafIndex").GetInt64());
        Assert.Equal("/v1/requests/r-1/receipt", receipt.GetProperty("proof").GetString());
        await service.CheckpointAsync(1);

        var text = await agency.GetStringAsync("/v1/requests/r-1/receipt");

        Assert.True(ProofJson.TryReadReceipt(text, out var read, out var error), error);
        Assert.Equal(Hash(receipt.GetProperty("leafHash")), read!.LeafHash);
        Assert.True(NoteKey.TryParse(service.LogVerifierKey, out var key, out _));
        Assert.True(key!.Verifies(read.Checkpoint));
        Assert.True(Checkpoint.TryParse(read.Checkpoint.Text, out var checkpoint, out _));
        Assert.True(Proofs.VerifyInclusion(read.LeafIndex, read.TreeSize, read.LeafHash, read.Inclusion, checkpoint!.Root));

        var other = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/v1/requests/r-1/receipt")).StatusCode);
    }

    [Fact]
    public async Task Entries_AuditorsReadEveryEntry_AnAgencyOnlyItsOwn()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var a = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var b = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        await a.PostAsync("/v1/requests", TestService.Json(TestService.Request("a-1")));
        await b.PostAsync("/v1/requests", TestService.Json(TestService.Request("b-1", "olmsted-county-so")));
        await a.PostAsync("/v1/requests", TestService.Json(TestService.Request("a-2")));

        var auditor = await service.ClientAsync(Roles.Auditor);
        var all = JsonDocument.Parse(await auditor.GetStringAsync("/v1/log/entries?start=0&end=3")).RootElement;
        var mine = JsonDocument.Parse(await b.GetStringAsync("/v1/log/entries?start=0&end=3")).RootElement;

        Assert.Equal(3, all.GetArrayLength());
        var only = Assert.Single(mine.EnumerateArray());
        Assert.Equal(1, only.GetProperty("index").GetInt64());
        var leaves = JsonDocument.Parse(await service.Client().GetStringAsync("/v1/log/leaves?start=0&end=3")).RootElement;
        Assert.Equal(Hash(leaves[1]), MerkleHash.Leaf(Convert.FromBase64String(only.GetProperty("entry").GetString()!)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().GetAsync("/v1/log/entries?start=0&end=1")).StatusCode);
    }

    [Theory]
    [InlineData("/v1/log/proof/inclusion?index=9&treeSize=3", "index")]
    [InlineData("/v1/log/proof/inclusion?index=0&treeSize=99", "treeSize")]
    [InlineData("/v1/log/proof/inclusion?index=0", "treeSize")]
    [InlineData("/v1/log/proof/consistency?from=3&to=1", "from")]
    [InlineData("/v1/log/proof/consistency?from=0&to=99", "to")]
    [InlineData("/v1/log/leaves?start=2&end=1", "start")]
    [InlineData("/v1/log/leaves?start=0&end=99", "end")]
    public async Task Proofs_ImpossibleArguments_Answer400NamingThem(string path, string parameter)
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        for (var i = 0; i < 3; i++)
        {
            await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request($"r-{i}")));
        }

        var response = await service.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("path").GetString() == parameter);
    }

    [Fact]
    public async Task NoSigningKey_ServiceRuns_CheckpointAnswers503SayingWhy()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { Log = o.Log with { KeyFile = Path.Combine(Path.GetTempPath(), "no-such-key-" + Guid.NewGuid()) } });
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        Assert.Equal(HttpStatusCode.Created, (await agency.PostAsync("/v1/requests", TestService.Json(TestService.Request("r-1")))).StatusCode);

        var checkpoint = await service.Client().GetAsync("/v1/log/checkpoint");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, checkpoint.StatusCode);
        Assert.Contains("cannot be read", await checkpoint.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var health = JsonDocument.Parse(await service.Client().GetStringAsync("/healthz")).RootElement;
        Assert.StartsWith("not signed", health.GetProperty("checkpoints").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cosignature_FromAnUnknownWitnessOrForAnotherCheckpoint_IsRefused()
    {
        using var witness = NoteSigner.Generate("witness.test/1", NoteKeyType.Cosignature);
        using var stranger = NoteSigner.Generate("witness.test/2", NoteKeyType.Cosignature);
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { Log = o.Log with { WitnessKeys = [witness.Public.VerifierKey] } });
        Assert.True(SignedNote.TryParse(await service.CheckpointAsync(0), out var note, out _));
        Assert.True(Checkpoint.TryParse(note!.Text, out var checkpoint, out _));
        var time = new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);

        var unknown = await service.Client().PostAsync("/v1/log/cosignatures", new StringContent(note.With(stranger.Cosign(checkpoint!.Body, time)).ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var forged = new Checkpoint(checkpoint.Origin, checkpoint.Size + 10, checkpoint.Root);
        var fake = new SignedNote(forged.Body, note.Signatures).With(witness.Cosign(forged.Body, time));
        Assert.Equal(HttpStatusCode.BadRequest, (await service.Client().PostAsync("/v1/log/cosignatures", new StringContent(fake.ToString()))).StatusCode);

        var good = await service.Client().PostAsync("/v1/log/cosignatures", new StringContent(note.With(witness.Cosign(checkpoint.Body, time)).ToString()));
        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
        Assert.True(SignedNote.TryParse(await service.Client().GetStringAsync("/v1/log/checkpoint"), out var served, out _));
        Assert.Equal(time, witness.Public.CosignedAt(served!));
    }
}
