using Oversight.Log;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight audit receipt</c>: check, offline, that a recorded request is in the log a signed checkpoint describes.</summary>
internal sealed class AuditReceiptVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "audit receipt",
        "Check a receipt (GET /v1/requests/{id}/receipt) offline: its checkpoint is signed by the log and proves the request's entry is in it.",
        "audit receipt RECEIPT.json --key VKEY [--checkpoint C]",
        [
            new("key", "VKEY", "The log's verifier key (or a file holding it).", Required: true),
            new("checkpoint", "C", "A checkpoint you trust (from a witness, or published): the receipt must be proven against this one (ask for it with ?treeSize=N)."),
        ],
        "Exit status: 0 the receipt holds; 1 it does not (the reason is named); 2 unusable input.")
    {
        MaxPositionals = 1,
    };

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (args.Positionals.Count != 1)
        {
            await console.Error.WriteLineAsync("oversight audit receipt: give one receipt file");
            return ExitCodes.Invalid;
        }

        if (await LogFiles.VerifierAsync(args["key"]!, console, "audit receipt") is not { } key)
        {
            return ExitCodes.Invalid;
        }

        if (await LogFiles.ReadAsync(args.Positionals[0], console, "audit receipt") is not { } text)
        {
            return ExitCodes.Invalid;
        }

        if (!ProofJson.TryReadReceipt(text, out var receipt, out var error))
        {
            await console.Error.WriteLineAsync($"oversight audit receipt: {args.Positionals[0]}: {error}");
            return ExitCodes.Invalid;
        }

        SignedNote? trusted = null;
        if (args["checkpoint"] is { } path && (trusted = await LogFiles.CheckpointAsync(path, console, "audit receipt")) is null)
        {
            return ExitCodes.Invalid;
        }

        var problem = Check(receipt!, key, trusted);
        if (problem is not null)
        {
            await console.Out.WriteLineAsync($"does not hold: {problem}");
            return ExitCodes.Failures;
        }

        _ = Checkpoint.TryParse(receipt!.Checkpoint.Text, out var checkpoint, out _);
        await console.Out.WriteLineAsync($"holds: entry {receipt.LeafIndex:N0} is in {checkpoint!.Origin} at size {checkpoint.Size:N0}, signed by {key.Name}");
        return ExitCodes.Ok;
    }

    private static string? Check(ProofJson.Receipt receipt, NoteKey key, SignedNote? trusted)
    {
        if (!key.Verifies(receipt.Checkpoint))
        {
            return $"its checkpoint is not signed by {key.Name} ({key.Id:x8})";
        }

        if (!Checkpoint.TryParse(receipt.Checkpoint.Text, out var checkpoint, out var error))
        {
            return $"its checkpoint does not read: {error}";
        }

        if (checkpoint!.Size != receipt.TreeSize)
        {
            return $"its proof is for a tree of {receipt.TreeSize:N0} entries, its checkpoint for {checkpoint.Size:N0}";
        }

        if (!Proofs.VerifyInclusion(receipt.LeafIndex, receipt.TreeSize, receipt.LeafHash, receipt.Inclusion, checkpoint.Root))
        {
            return $"its inclusion proof does not lead from entry {receipt.LeafIndex:N0} to the checkpoint's root";
        }

        if (trusted is not null)
        {
            if (!key.Verifies(trusted) || !Checkpoint.TryParse(trusted.Text, out var other, out _))
            {
                return "the checkpoint given is not signed by the log's key";
            }

            if (other!.Size != checkpoint.Size || !other.Root.AsSpan().SequenceEqual(checkpoint.Root))
            {
                return other.Size == checkpoint.Size
                    ? "the checkpoint given has the same size but another root: the log showed two different histories"
                    : $"the receipt is proven against size {checkpoint.Size:N0}, the checkpoint given is of size {other.Size:N0}: fetch the receipt again with ?treeSize={other.Size}";
            }
        }

        return null;
    }
}
