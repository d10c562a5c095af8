using Oversight.Log;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight log key create</c>: make the log's signing key (or a witness's cosignature key) in a file only its owner can read.</summary>
internal sealed class LogKeyCreateVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "log key create",
        "Make a signing key for the decision log (or, with --witness, a witness's cosignature key) and print its verifier key.",
        "log key create --out KEY [--name NAME] [--witness]",
        [
            new("out", "KEY", "Write the private key here (the file is created readable by its owner only; an existing file is never overwritten).", Required: true),
            new("name", "NAME", "The key's name: for a log key, the log's origin, e.g. oversight.rochester-mn/decisions (default oversight.local/decisions); for a witness, its own name."),
            new("witness", null, "Make a witness's cosignature key (type 0x04) instead of a log key (type 0x01)."),
        ],
        "Give the key to 'oversight serve --log-key KEY' (or a witness's to 'oversight log witness --key KEY').\n" +
        "The verifier key printed on standard output is public: publish it, so that anyone can check checkpoints.\n" +
        "Keep the key file out of the database and its backups: whoever holds it can sign checkpoints.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        var path = args["out"]!;
        var name = args["name"] ?? (args.Has("witness") ? "witness.local" : "oversight.local/decisions");
        if (!NoteKey.IsValidName(name))
        {
            await console.Error.WriteLineAsync($"oversight log key create: --name '{name}' may not be empty or hold spaces or '+'");
            return ExitCodes.Invalid;
        }

        using var key = NoteSigner.Generate(name, args.Has("witness") ? NoteKeyType.Cosignature : NoteKeyType.Ed25519);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var file = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
            await file.WriteLineAsync(key.PrivateKeyText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync(File.Exists(path)
                ? $"oversight log key create: {path} exists; a key is never overwritten (choose another file, or remove it yourself)"
                : $"oversight log key create: cannot write {path}: {e.Message}");
            return ExitCodes.Invalid;
        }

        await console.Out.WriteLineAsync(key.Public.VerifierKey);
        await console.Error.WriteLineAsync($"Wrote the private key to {path} (readable by you only). The line above is the public verifier key.");
        return ExitCodes.Ok;
    }
}
