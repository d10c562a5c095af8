using Oversight.Log;
using Oversight.Worker.Service.Log;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight log witness</c>: check a log's newest checkpoint against the last one seen, and cosign it only if it is consistent.</summary>
internal sealed class LogWitnessVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "log witness",
        "Witness a decision log: fetch its checkpoint, check it is consistent with the last one this witness saw, then cosign it and send the cosignature to the log.",
        "log witness --log URL --key K --state DIR [--log-key VKEY]",
        [
            new("log", "URL", "The log's service, e.g. https://oversight.example.org/.", Required: true),
            new("key", "K", "This witness's cosignature key (made by 'oversight log key create --witness').", Required: true),
            new("state", "DIR", "Where this witness remembers the last checkpoint it verified of each log (keep it between runs).", Required: true),
            new("log-key", "VKEY", "The log's verifier key (or a file holding it). Without it, the key the log serves on first contact is pinned in DIR."),
        ],
        "Run it from cron or a second city's service (serve --witness-of). A witness never cosigns a checkpoint\n" +
        "that would shrink or fork the log; the log serves the cosignatures it receives with its checkpoint.\n" +
        "Exit status: 0 cosigned; 1 refused (the log is not consistent with what it showed before: the reason is\n" +
        "named); 2 unusable input or the log could not be reached.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!Uri.TryCreate(args["log"]!.EndsWith('/') ? args["log"] : args["log"] + "/", UriKind.Absolute, out var log) || log.Scheme is not ("http" or "https"))
        {
            await console.Error.WriteLineAsync($"oversight log witness: --log '{args["log"]}' is not an http(s) URL");
            return ExitCodes.Invalid;
        }

        NoteKey? logKey = null;
        if (args["log-key"] is { } text && (logKey = await LogFiles.VerifierAsync(text, console, "log witness")) is null)
        {
            return ExitCodes.Invalid;
        }

        if (await LogFiles.ReadAsync(args["key"]!, console, "log witness") is not { } keyText)
        {
            return ExitCodes.Invalid;
        }

        if (!NoteSigner.TryParse(keyText, out var key, out var error) || key!.Public.Type != NoteKeyType.Cosignature)
        {
            key?.Dispose();
            await console.Error.WriteLineAsync($"oversight log witness: --key {args["key"]}: {(error.Length > 0 ? error : "a log's signing key; a witness needs a cosignature key (log key create --witness)")}");
            return ExitCodes.Invalid;
        }

        using (key)
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            try
            {
                var round = await new Witness(http, key, args["state"]!, logKey, TimeProvider.System).RunAsync(log, CancellationToken.None);
                await console.Out.WriteLineAsync(round.Refused ? $"refused: {round.Message}" : round.Message);
                return round.Refused ? ExitCodes.Failures : ExitCodes.Ok;
            }
            catch (Exception e) when (e is WitnessException or IOException or UnauthorizedAccessException or TaskCanceledException)
            {
                await console.Error.WriteLineAsync($"oversight log witness: {e.Message}");
                return ExitCodes.Invalid;
            }
        }
    }
}
