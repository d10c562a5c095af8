using Oversight.Log;

namespace Oversight.Worker.Cli;

/// <summary>Reading the files the log verbs take: keys, checkpoints, receipts. Each failure is one line on standard error.</summary>
internal static class LogFiles
{
    /// <summary>A verifier key given as its text or as a file holding it; null (with the reason written) when it does not read.</summary>
    public static async Task<NoteKey?> VerifierAsync(string value, Console2 console, string verb)
    {
        var text = value;
        if (File.Exists(value))
        {
            text = await ReadAsync(value, console, verb);
            if (text is null)
            {
                return null;
            }
        }

        if (NoteKey.TryParse(text, out var key, out var error))
        {
            return key;
        }

        await console.Error.WriteLineAsync($"oversight {verb}: --key: {error}");
        return null;
    }

    /// <summary>A signed checkpoint from a file; null (with the reason written) when it does not read.</summary>
    public static async Task<SignedNote?> CheckpointAsync(string path, Console2 console, string verb)
    {
        if (await ReadAsync(path, console, verb) is not { } text)
        {
            return null;
        }

        if (SignedNote.TryParse(text, out var note, out var error) && Checkpoint.TryParse(note!.Text, out _, out error))
        {
            return note;
        }

        await console.Error.WriteLineAsync($"oversight {verb}: {path} is not a signed checkpoint: {error}");
        return null;
    }

    public static async Task<string?> ReadAsync(string path, Console2 console, string verb)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > SignedNote.MaxBytes * 64L)
            {
                await console.Error.WriteLineAsync($"oversight {verb}: {path} is too large to be a key, checkpoint or receipt");
                return null;
            }

            return await File.ReadAllTextAsync(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"oversight {verb}: cannot read {path}: {e.Message}");
            return null;
        }
    }
}
