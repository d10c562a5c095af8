using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Oversight.Log;

/// <summary>The signature types of C2SP signed notes that this log uses.</summary>
public enum NoteKeyType : byte
{
    /// <summary>Ed25519 over the note text (the log's own signature): type 0x01.</summary>
    Ed25519 = 0x01,

    /// <summary>Timestamped Ed25519 checkpoint cosignature (c2sp.org/tlog-cosignature, a witness's): type 0x04.</summary>
    Cosignature = 0x04,
}

/// <summary>
/// A public note key: its name, type and Ed25519 public key, and its 32-bit id
/// (SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]). Written as a verifier key,
/// <c>name+hex(id)+base64(type ‖ public key)</c>, the form Go's sumdb/note reads.
/// </summary>
public sealed class NoteKey
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    internal NoteKey(string name, NoteKeyType type, byte[] publicKey)
    {
        Name = name;
        Type = type;
        PublicKeyBytes = publicKey;
        Id = KeyId(name, type, publicKey);
    }

    public string Name { get; }

    public NoteKeyType Type { get; }

    public uint Id { get; }

    internal byte[] PublicKeyBytes { get; }

    /// <summary>The verifier key text: <c>name+hex(id)+base64(type ‖ public key)</c>.</summary>
    public string VerifierKey => $"{Name}+{Id:x8}+{Convert.ToBase64String([(byte)Type, .. PublicKeyBytes])}";

    public override string ToString() => VerifierKey;

    /// <summary>Key names are non-empty and hold no white space and no '+'.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));

    internal static uint KeyId(string name, NoteKeyType type, byte[] publicKey) =>
        BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. Encoding.UTF8.GetBytes(name), 0x0A, (byte)type, .. publicKey]));

    /// <summary>Reads a verifier key.</summary>
    public static bool TryParse(string text, out NoteKey? key, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        key = null;
        var parts = text.Trim().Split('+', 3);
        if (parts.Length != 3 || !IsValidName(parts[0]) || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            error = "a verifier key is name+hex key id+base64 key (as 'oversight log key create' prints it)";
            return false;
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            error = "the verifier key's key material is not base64";
            return false;
        }

        if (data.Length != 33 || data[0] is not ((byte)NoteKeyType.Ed25519 or (byte)NoteKeyType.Cosignature))
        {
            error = "the verifier key is not an Ed25519 note key (type 0x01) or cosignature key (type 0x04)";
            return false;
        }

        var candidate = new NoteKey(parts[0], (NoteKeyType)data[0], data[1..]);
        if (candidate.Id != id)
        {
            error = $"the verifier key's id {parts[1]} does not match its name and key ({candidate.Id:x8})";
            return false;
        }

        key = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>The signature lines of <paramref name="note"/> that name this key (name and id).</summary>
    public IEnumerable<NoteSignature> SignaturesIn(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return note.Signatures.Where(s => s.KeyName == Name && s.KeyId == Id);
    }

    /// <summary>True when the note carries a signature by this key (type 0x01) and every one it carries verifies.</summary>
    public bool Verifies(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (Type != NoteKeyType.Ed25519)
        {
            return false;
        }

        var mine = SignaturesIn(note).ToList();
        var text = Encoding.UTF8.GetBytes(note.Text);
        return mine.Count > 0 && mine.All(s => s.Signature.Length == 64 && Verify(text, s.Signature));
    }

    /// <summary>
    /// The time of this witness's cosignature (type 0x04) on a checkpoint note, when it carries one
    /// that verifies; null otherwise.
    /// </summary>
    public DateTimeOffset? CosignedAt(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (Type != NoteKeyType.Cosignature)
        {
            return null;
        }

        foreach (var signature in SignaturesIn(note))
        {
            if (signature.Signature.Length != 72)
            {
                continue;
            }

            var timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature.Signature);
            if (timestamp > long.MaxValue)
            {
                continue;
            }

            if (Verify(CosignedMessage(note.Text, (long)timestamp), signature.Signature[8..]))
            {
                return DateTimeOffset.FromUnixTimeSeconds((long)timestamp);
            }
        }

        return null;
    }

    /// <summary>What a cosignature signs: "cosignature/v1", the time line, then the checkpoint body.</summary>
    internal static byte[] CosignedMessage(string body, long unixSeconds) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {unixSeconds.ToString(CultureInfo.InvariantCulture)}\n{body}");

    private bool Verify(byte[] message, byte[] signature)
    {
        var key = PublicKey.Import(Algorithm, PublicKeyBytes, KeyBlobFormat.RawPublicKey);
        return Algorithm.Verify(key, message, signature);
    }
}

/// <summary>
/// A private note key: signs notes (the log) or cosigns checkpoints (a witness). Kept in a file
/// as <c>PRIVATE+KEY+name+hex(id)+base64(type ‖ Ed25519 seed)</c>, the form Go's sumdb/note
/// reads for type 0x01.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key key;

    private NoteSigner(string name, NoteKeyType type, Key key)
    {
        this.key = key;
        Public = new NoteKey(name, type, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public NoteKey Public { get; }

    /// <summary>A new random key.</summary>
    public static NoteSigner Generate(string name, NoteKeyType type)
    {
        if (!NoteKey.IsValidName(name))
        {
            throw new ArgumentException("A key name is non-empty, without white space or '+'.", nameof(name));
        }

        var created = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteSigner(name, type, created);
    }

    /// <summary>The private key text, for the key file.</summary>
    public string PrivateKeyText =>
        $"PRIVATE+KEY+{Public.Name}+{Public.Id:x8}+{Convert.ToBase64String([(byte)Public.Type, .. key.Export(KeyBlobFormat.RawPrivateKey)])}";

    public static bool TryParse(string text, out NoteSigner? signer, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        signer = null;
        var parts = text.Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY" || !NoteKey.IsValidName(parts[2]) || parts[3].Length != 8)
        {
            error = "a key file holds PRIVATE+KEY+name+hex key id+base64 key (as 'oversight log key create' writes it)";
            return false;
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(parts[4]);
        }
        catch (FormatException)
        {
            error = "the key material is not base64";
            return false;
        }

        if (data.Length != 33 || data[0] is not ((byte)NoteKeyType.Ed25519 or (byte)NoteKeyType.Cosignature))
        {
            error = "the key is not an Ed25519 note key (type 0x01) or cosignature key (type 0x04)";
            return false;
        }

        var imported = Key.Import(Algorithm, data[1..], KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var candidate = new NoteSigner(parts[2], (NoteKeyType)data[0], imported);
        if (!string.Equals(parts[3], candidate.Public.Id.ToString("x8", CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
        {
            candidate.Dispose();
            error = "the key id in the file does not match its name and key";
            return false;
        }

        signer = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>Signs a note text (type 0x01).</summary>
    public NoteSignature Sign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Public.Type != NoteKeyType.Ed25519)
        {
            throw new InvalidOperationException("A cosignature key cosigns checkpoints; it does not sign notes.");
        }

        return new NoteSignature(Public.Name, Public.Id, Algorithm.Sign(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Cosigns a checkpoint body at a time (type 0x04): the signature is the 8-byte time followed by the Ed25519 signature.</summary>
    public NoteSignature Cosign(string checkpointBody, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(checkpointBody);
        if (Public.Type != NoteKeyType.Cosignature)
        {
            throw new InvalidOperationException("Only a cosignature key cosigns.");
        }

        var seconds = time.ToUnixTimeSeconds();
        var signature = new byte[72];
        BinaryPrimitives.WriteUInt64BigEndian(signature, (ulong)seconds);
        Algorithm.Sign(key, NoteKey.CosignedMessage(checkpointBody, seconds)).CopyTo(signature, 8);
        return new NoteSignature(Public.Name, Public.Id, signature);
    }

    public void Dispose() => key.Dispose();
}
