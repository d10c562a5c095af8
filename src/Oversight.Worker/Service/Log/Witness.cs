using System.Text;
using System.Text.Json;
using Oversight.Log;

namespace Oversight.Worker.Service.Log;

/// <summary>What one round of witnessing came to.</summary>
/// <param name="Cosigned">True when a cosignature was sent to the log.</param>
/// <param name="Refused">True when the log's checkpoint was not consistent with what the witness saw before: it was not cosigned.</param>
/// <param name="Message">What happened, in a sentence.</param>
public sealed record WitnessRound(bool Cosigned, bool Refused, string Message);

/// <summary>
/// A witness of another log (c2sp.org/tlog-witness's duty, pulled rather than pushed): fetches
/// the log's latest checkpoint, checks its signature and that it is consistent with the last one
/// this witness saw (a consistency proof from the log), and only then cosigns it and sends the
/// cosignature back. It remembers, per log, the last checkpoint it verified and the log's key
/// (pinned on first use unless given). It never cosigns a checkpoint that would fork or shrink the log.
/// </summary>
public sealed class Witness(HttpClient http, NoteSigner key, string stateDirectory, NoteKey? logKey, TimeProvider time)
{
    /// <exception cref="WitnessException">The log could not be reached or answered something unusable.</exception>
    public async Task<WitnessRound> RunAsync(Uri log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        var pinned = logKey ?? await PinnedKeyAsync(log, cancellationToken);
        var text = await GetAsync(new Uri(log, "v1/log/checkpoint"), cancellationToken);
        if (!SignedNote.TryParse(text, out var note, out var error) || !Checkpoint.TryParse(note!.Text, out var checkpoint, out error))
        {
            throw new WitnessException($"the log's checkpoint does not read: {error}");
        }

        if (!pinned.Verifies(note))
        {
            return new WitnessRound(false, true, $"the checkpoint is not signed by the log's key {pinned.Name} ({pinned.Id:x8}); not cosigned");
        }

        if (checkpoint!.Origin != pinned.Name)
        {
            return new WitnessRound(false, true, $"the checkpoint names the log '{checkpoint.Origin}', its key '{pinned.Name}'; not cosigned");
        }

        var statePath = Path.Combine(stateDirectory, Safe(checkpoint.Origin) + ".checkpoint");
        Checkpoint? last = null;
        if (File.Exists(statePath) && SignedNote.TryParse(await File.ReadAllTextAsync(statePath, cancellationToken), out var lastNote, out _))
        {
            _ = Checkpoint.TryParse(lastNote!.Text, out last, out _);
        }

        if (last is not null)
        {
            if (checkpoint.Size < last.Size)
            {
                return new WitnessRound(false, true, $"the log shrank from {last.Size:N0} to {checkpoint.Size:N0} entries; not cosigned");
            }

            if (checkpoint.Size == last.Size && !checkpoint.Root.AsSpan().SequenceEqual(last.Root))
            {
                return new WitnessRound(false, true, $"the log shows a different root at size {checkpoint.Size:N0} than it did before (a fork); not cosigned");
            }

            if (checkpoint.Size > last.Size && last.Size > 0)
            {
                var json = await GetAsync(new Uri(log, $"v1/log/proof/consistency?from={last.Size}&to={checkpoint.Size}"), cancellationToken);
                if (!ProofJson.TryReadConsistency(json, out var proof, out error))
                {
                    throw new WitnessException($"the log's consistency proof does not read: {error}");
                }

                if (proof!.From != last.Size || proof.To != checkpoint.Size
                    || !Proofs.VerifyConsistency(last.Size, checkpoint.Size, last.Root, checkpoint.Root, proof.Hashes))
                {
                    return new WitnessRound(false, true, $"the log at size {checkpoint.Size:N0} is not consistent with what it showed at size {last.Size:N0}: an entry was changed or removed; not cosigned");
                }
            }
        }

        // Remember what was verified before anything is sent: the next round checks against it.
        await File.WriteAllTextAsync(statePath, note.ToString(), cancellationToken);
        var cosigned = note.With(key.Cosign(checkpoint.Body, time.GetUtcNow()));
        using var response = await http.PostAsync(new Uri(log, "v1/log/cosignatures"), new StringContent(cosigned.ToString(), Encoding.UTF8, "text/plain"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new WitnessException($"the log refused the cosignature ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return new WitnessRound(true, false, $"cosigned {checkpoint.Origin} at size {checkpoint.Size:N0}{(last is null ? " (the first checkpoint this witness has seen of it)" : $" (consistent with size {last.Size:N0})")}");
    }

    private async Task<NoteKey> PinnedKeyAsync(Uri log, CancellationToken cancellationToken)
    {
        var keyPath = Path.Combine(stateDirectory, Safe(log.Authority + log.AbsolutePath) + ".vkey");
        var text = File.Exists(keyPath) ? await File.ReadAllTextAsync(keyPath, cancellationToken) : await GetAsync(new Uri(log, "v1/log/key"), cancellationToken);
        if (!NoteKey.TryParse(text, out var fetched, out var error) || fetched!.Type != NoteKeyType.Ed25519)
        {
            throw new WitnessException($"the log's key does not read: {(fetched is null ? error : "not a log key")}");
        }

        if (!File.Exists(keyPath))
        {
            await File.WriteAllTextAsync(keyPath, fetched.VerifierKey + "\n", cancellationToken);
        }

        return fetched;
    }

    private async Task<string> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? body
                : throw new WitnessException($"{uri} answered {(int)response.StatusCode}: {Detail(body)}");
        }
        catch (HttpRequestException e)
        {
            throw new WitnessException($"cannot reach {uri}: {e.Message}");
        }
    }

    private static string Detail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
}

/// <summary>The log could not be witnessed this time: unreachable, or its answers unusable.</summary>
public sealed class WitnessException(string message) : Exception(message);
