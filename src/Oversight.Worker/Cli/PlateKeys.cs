using Oversight.Searches;

namespace Oversight.Worker.Cli;

/// <summary>
/// Where the key that licence plates are hashed with comes from: <c>--plate-key FILE</c> (read when
/// it exists; made with 32 random bytes, readable by its owner only, when it does not), or else a key
/// made for this run alone — its hashes match within the run and no other.
/// </summary>
internal static class PlateKeys
{
    /// <summary>The option every verb that reads Flock exports takes.</summary>
    public static readonly OptionSpec Option = new(
        "plate-key", "FILE", "Secret key licence plates are hashed with (made when FILE does not exist; keep it private). Without it, a key for this run only.");

    /// <summary>The key, or null after saying on standard error why it cannot be had.</summary>
    public static async Task<(PlateKey Key, bool Kept)?> ResolveAsync(Arguments args, Console2 console, string verb)
    {
        if (args["plate-key"] is not { } path)
        {
            return (PlateKey.Create(), false);
        }

        if (Directory.Exists(path))
        {
            await console.Error.WriteLineAsync($"oversight {verb}: --plate-key {path}: is a folder; name a file");
            return null;
        }

        try
        {
            if (File.Exists(path))
            {
                var key = PlateKey.Parse(await File.ReadAllTextAsync(path), out var error);
                if (key is null)
                {
                    await console.Error.WriteLineAsync($"oversight {verb}: --plate-key {path}: {error}");
                    return null;
                }

                return (key, true);
            }

            var made = PlateKey.Create();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var file = new StreamWriter(path, System.Text.Encoding.ASCII, options))
            {
                await file.WriteAsync(made.ToFileText());
            }

            await console.Error.WriteLineAsync($"oversight {verb}: made a new plate key in {path} (key id {made.Id}); keep it private, and give it to every import whose plates should match");
            return (made, true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"oversight {verb}: --plate-key {path}: {e.Message.TrimEnd('.')}");
            return null;
        }
    }
}
