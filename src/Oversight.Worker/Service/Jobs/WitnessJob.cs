using Microsoft.Extensions.Options;
using Oversight.Log;
using Oversight.Worker.Service.Log;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// Witnesses another log every minute (serve --witness-of URL): the same round as
/// <c>oversight log witness</c>, run by this service for a second city or a second process.
/// A refusal raises an alarm here too.
/// </summary>
public sealed class WitnessJob(IOptions<LogOptions> options, IHttpClientFactory clients, TransparencyLog log, TimeProvider time, ILogger<WitnessJob> logger)
{
    public const string RecurringId = "witness";

    public const string HttpClientName = "witness";

    public async Task<WitnessRound?> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.WitnessOf is not { } target || settings.WitnessKeyFile is not { } keyFile)
        {
            return null;
        }

        if (!NoteSigner.TryParse(await File.ReadAllTextAsync(keyFile, cancellationToken), out var key, out var error) || key!.Public.Type != NoteKeyType.Cosignature)
        {
            logger.LogError("Witness key {File} is not a cosignature key: {Error}", keyFile, error);
            key?.Dispose();
            return null;
        }

        using (key)
        {
            var state = settings.WitnessState ?? Path.Combine(Path.GetTempPath(), "oversight-witness");
            var witness = new Witness(clients.CreateClient(HttpClientName), key, state, null, time);
            try
            {
                var round = await witness.RunAsync(new Uri(target.EndsWith('/') ? target : target + "/"), cancellationToken);
                if (round.Refused)
                {
                    log.Alarm($"as witness of {target}: {round.Message}");
                }
                else
                {
                    logger.LogInformation("Witness of {Log}: {Message}", target, round.Message);
                }

                return round;
            }
            catch (WitnessException e)
            {
                logger.LogWarning("Witness of {Log}: {Message}", target, e.Message);
                return null;
            }
        }
    }
}
