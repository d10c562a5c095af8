using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

/// <summary>Callers probing the server itself: its files, its limits, its parsers.</summary>
public sealed class ProbingAttackTests
{
    [Fact]
    public async Task CandidateBoundaryOutsideThePolicyFolder_IsRefusedWithOneMessageWhateverExists()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);
        string[] paths = ["/etc/shadow", "/etc/no-such-file", "/dev/zero", "../../../../etc/passwd", "boundaries/../../../../etc/hostname", "/proc/self/environ", ".hidden.geojson"];
        var messages = new List<string>();
        foreach (var path in paths)
        {
            var yaml = $"policy: probe\nversion: \"1\"\nrules:\n  - {{ id: in, kind: within-boundary, boundary: \"{path}\" }}\n";
            var response = await auditor.PostAsync("/v1/simulations", TestService.Json(JsonSerializer.Serialize(new { candidate = yaml, period = "2026Q3" }))).WaitAsync(Attack.Promptly);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("message").GetString()!;
            messages.Add(message.Replace(path, "<path>", StringComparison.Ordinal));
        }

        Assert.Single(messages.Distinct());
        Assert.Contains("inside the policy folder", messages[0], StringComparison.Ordinal);
        await Attack.OthersAreStillServedAsync(service);
    }

    [Fact]
    public async Task RateLimit_KeysOnTheKeyNotTheHeaderSpelling_AndLimitsUnknownKeysByAddress()
    {
        await using var service = await TestService.StartAsync("sqlite", tune: o => o with { RateLimit = 5 });
        var key = await service.KeyAsync(Roles.Auditor);
        var client = service.Client();
        string[] spellings = [$"Bearer {key}", $"bearer {key}", $"BEARER {key}", $"Bearer   {key}", $"Bearer {key}  "];
        foreach (var header in spellings)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/policies");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        using (var sixth = new HttpRequestMessage(HttpMethod.Get, "/v1/policies"))
        {
            sixth.Headers.TryAddWithoutValidation("Authorization", $"bEaReR {key}");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(sixth)).StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await service.Client($"ovk_made-up-{i}").GetAsync("/v1/policies")).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests), statuses);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_Answers413()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var response = await agency.PostAsync("/v1/requests", Chunked(new string(' ', 2 << 20) + TestService.Request("big")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await Attack.OthersAreStillServedAsync(service);
    }

    /// <summary>A body sent without a length (chunked), as a client streaming it would.</summary>
    internal static HttpContent Chunked(string text)
    {
        var content = new StreamContent(new UnknownLength(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Null(content.Headers.ContentLength);
        return content;
    }

    private sealed class UnknownLength(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task BodyThatIsNotUtf8_IsRefusedNotStoredWithReplacementCharacters()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var bytes = Encoding.UTF8.GetBytes(TestService.Request("bad-bytes").Replace("Residential", "Resid\u00E9ntial", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await agency.PostAsync("/v1/requests", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync("/v1/requests/bad-bytes")).StatusCode);
    }

    [Fact]
    public async Task KeyGivenTwiceDeepInTheBody_IsRefusedNamingIt()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var twice = TestService.Request("twice").Replace("\"radiusMeters\":200", "\"radiusMeters\":200,\"radiusMeters\":20000", StringComparison.Ordinal)
            .Replace("\"start\":\"2026-08-01T01:00:00Z\"", "\"start\":\"2026-08-01T01:00:00Z\",\"start\":\"2026-07-01T01:00:00Z\"", StringComparison.Ordinal);

        var response = await agency.PostAsync("/v1/requests", TestService.Json(twice));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.area.radiusMeters", paths);
        Assert.Contains("$.window.start", paths);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2999-01-01T00:00:00Z")]
    public async Task WindowInAnImpossibleYear_IsRefused(string time)
    {
        await using var service = await TestService.StartAsync("sqlite");
        var agency = await service.ClientAsync(Roles.Agency, "rochester-mn-pd");
        var request = TestService.Request("year").Replace("2026-08-01T01:00:00Z", time, StringComparison.Ordinal);
        var response = await agency.PostAsync("/v1/requests", TestService.Json(request));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("outside the years 2000–2100", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulationBodyWithAKeyTwice_IsRefused()
    {
        await using var service = await TestService.StartAsync("sqlite");
        var auditor = await service.ClientAsync(Roles.Auditor);
        var response = await auditor.PostAsync("/v1/simulations", TestService.Json("{\"candidate\":\"x\",\"period\":\"2026Q3\",\"period\":\"2026Q2\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
