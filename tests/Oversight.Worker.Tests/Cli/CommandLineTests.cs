using System.Text;
using System.Text.RegularExpressions;
using Oversight.Worker.Cli;

namespace Oversight.Worker.Tests.Cli;

/// <summary>The last-resort handler, in process: a verb that throws stands for a defect no user input can reach.</summary>
public sealed partial class CommandLineTests
{
    private sealed class ThrowingVerb(Exception exception) : IVerb
    {
        public VerbSpec Spec { get; } = new("explode", "Throws.", "explode", []);

        public Task<int> RunAsync(Arguments args, Console2 console) => throw exception;
    }

    private static async Task<(int Status, string Error)> RunAsync(Exception exception)
    {
        var error = new StringWriter();
        var status = await CommandLine.RunAsync(["explode"], new Console2(TextReader.Null, new MemoryStream(), error), [new ThrowingVerb(exception)]);
        return (status, error.ToString());
    }

    [Fact]
    public async Task RunAsync_Defect_Exit70InternalErrorAndDetailsInALogFile()
    {
        var (status, error) = await RunAsync(new InvalidOperationException("the invariant broke"));

        Assert.Equal(70, status);
        Assert.StartsWith("oversight explode: internal error (InvalidOperationException); the details are in ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        var log = LogPath().Match(error).Groups[1].Value;
        try
        {
            var details = await File.ReadAllTextAsync(log);
            Assert.Contains("the invariant broke", details, StringComparison.Ordinal);
            Assert.Contains("   at ", details, StringComparison.Ordinal);
            Assert.Contains("command: oversight explode", details, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Theory]
    [InlineData(typeof(IOException), "No space left on device")]
    [InlineData(typeof(UnauthorizedAccessException), "Access to the path '/x' is denied.")]
    public async Task RunAsync_FileSystemFailure_OneLineExit2(Type type, string message)
    {
        var (status, error) = await RunAsync((Exception)Activator.CreateInstance(type, message)!);

        Assert.Equal(2, status);
        Assert.StartsWith($"oversight explode: {message.TrimEnd('.')}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SocketInUse_SaysSoExit2()
    {
        var inner = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.AddressAlreadyInUse);
        var (status, error) = await RunAsync(new IOException("Failed to bind", inner));

        Assert.Equal(2, status);
        Assert.Contains("already in use", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Distance_Transposition_IsOneEdit()
    {
        Assert.Equal(1, Suggestions.Distance("plociy", "ploicy"));
        Assert.Equal("policy", Suggestions.Closest("polcy", ["policy", "keys", "audit"]));
        Assert.Null(Suggestions.Closest("xyz", ["policy", "keys", "audit"]));
    }

    [GeneratedRegex("the details are in (.+?) — please report them")]
    private static partial Regex LogPath();
}
