using Oversight.Log;

namespace Oversight.Tests.Log;

/// <summary>Signed notes and checkpoints in the C2SP formats, checked against the published examples.</summary>
public sealed class NoteTests
{
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";

    [Fact]
    public void Signer_GoDocumentationKey_SignsExactlyAsGoDoes()
    {
        Assert.True(NoteSigner.TryParse("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", out var signer, out var error), error);
        using (signer)
        {
            Assert.Equal("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", signer!.Public.VerifierKey);
            var note = new SignedNote(GoText, [signer.Sign(GoText)]);
            Assert.Equal(GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", note.ToString());
        }
    }

    [Fact]
    public void Verifier_SignedNoteSpecificationExample_Verifies()
    {
        Assert.True(NoteKey.TryParse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k", out var key, out var error), error);
        const string note = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
        Assert.True(SignedNote.TryParse(note, out var parsed, out error), error);
        Assert.True(key!.Verifies(parsed!));
        Assert.False(key.Verifies(parsed! with { Text = "This is another message.\n" }));
    }

    [Fact]
    public void Checkpoint_SignedAndCosigned_RoundTripsAndVerifies()
    {
        using var log = NoteSigner.Generate("oversight.rochester-mn/decisions", NoteKeyType.Ed25519);
        using var witness = NoteSigner.Generate("witness.example/1", NoteKeyType.Cosignature);
        var checkpoint = new Checkpoint("oversight.rochester-mn/decisions", 20852163, MerkleHash.Leaf([1]));
        var note = new SignedNote(checkpoint.Body, [log.Sign(checkpoint.Body)]);
        var time = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var cosigned = note.With(witness.Cosign(checkpoint.Body, time));

        Assert.True(SignedNote.TryParse(cosigned.ToString(), out var parsed, out var error), error);
        Assert.True(log.Public.Verifies(parsed!));
        Assert.Equal(time, witness.Public.CosignedAt(parsed!));
        Assert.True(Checkpoint.TryParse(parsed!.Text, out var read, out error), error);
        Assert.Equal((checkpoint.Origin, checkpoint.Size), (read!.Origin, read.Size));
        Assert.Equal(checkpoint.Root, read.Root);
        Assert.Null(witness.Public.CosignedAt(parsed with { Text = new Checkpoint(checkpoint.Origin, 20852164, checkpoint.Root).Body }));
    }

    [Fact]
    public void Keys_WrittenAndReadBack_AreTheSame()
    {
        using var key = NoteSigner.Generate("oversight.example/log", NoteKeyType.Ed25519);
        Assert.True(NoteSigner.TryParse(key.PrivateKeyText, out var again, out var error), error);
        using (again)
        {
            Assert.Equal(key.Public.VerifierKey, again!.Public.VerifierKey);
        }

        Assert.True(NoteKey.TryParse(key.Public.VerifierKey, out var verifier, out error), error);
        Assert.Equal(key.Public.Id, verifier!.Id);
    }

    [Theory]
    [InlineData("example.com/log\n12\nAAAA\n", "the root hash has 3 bytes")]
    [InlineData("example.com/log\n012\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "not a tree size")]
    [InlineData("example.com/log\n12\n", "three lines")]
    [InlineData("example.com/log\n12\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "ends with a newline")]
    public void Checkpoint_Malformed_SaysWhy(string body, string fragment)
    {
        Assert.False(Checkpoint.TryParse(body, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text\n\u2014 name AAAA\n", "blank line")]
    [InlineData("text\n\n- name AAAAAAAA\n", "not a signature line")]
    [InlineData("text\n\n\u2014 name !!!!\n", "not base64")]
    [InlineData("te\u0001xt\n\n\u2014 name AAAAAAAA\n", "control characters")]
    public void Note_Malformed_SaysWhy(string note, string fragment)
    {
        Assert.False(SignedNote.TryParse(note, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }
}
