using System.Text;

namespace Oversight.Log;

/// <summary>One signature line of a note: the key's name, its 32-bit id, and the signature bytes.</summary>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature)
{
    /// <summary>The line as the note writes it: em dash, space, name, space, base64(key id ‖ signature).</summary>
    public string Line
    {
        get
        {
            var bytes = new byte[4 + Signature.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
            Signature.CopyTo(bytes, 4);
            return $"\u2014 {KeyName} {Convert.ToBase64String(bytes)}\n";
        }
    }
}

/// <summary>
/// A C2SP signed note: a text ending in a newline, a blank line, then one or more signature lines
/// (<c>— name base64(keyID ‖ signature)</c>). Parsing only splits the note; trusting it is the job
/// of <see cref="NoteKey.Verify"/>.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>Most signature lines read from one note.</summary>
    public const int MaxSignatures = 64;

    /// <summary>Largest note read.</summary>
    public const int MaxBytes = 1 << 16;

    public override string ToString()
    {
        var text = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            text.Append(signature.Line);
        }

        return text.ToString();
    }

    /// <summary>The same note with one more signature line (a witness's), unless that key already signed it.</summary>
    public SignedNote With(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Signatures.Any(s => s.KeyName == signature.KeyName && s.KeyId == signature.KeyId)
            ? this
            : this with { Signatures = [.. Signatures, signature] };
    }

    public static bool TryParse(string note, out SignedNote? parsed, out string error)
    {
        ArgumentNullException.ThrowIfNull(note);
        parsed = null;
        if (Encoding.UTF8.GetByteCount(note) > MaxBytes)
        {
            error = $"the note is larger than {MaxBytes / 1024} KiB";
            return false;
        }

        if (note.Any(c => c < 0x20 && c != '\n'))
        {
            error = "a note holds no control characters other than newlines";
            return false;
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            error = "a signed note is its text, a blank line, and signature lines, each ending in a newline";
            return false;
        }

        var text = note[..(split + 1)];
        var lines = note[(split + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            error = $"the note has more than {MaxSignatures} signatures";
            return false;
        }

        var signatures = new List<NoteSignature>();
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0] != "\u2014" || !NoteKey.IsValidName(parts[1]))
            {
                error = $"'{line}' is not a signature line (— name signature)";
                return false;
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(parts[2]);
            }
            catch (FormatException)
            {
                error = $"the signature of {parts[1]} is not base64";
                return false;
            }

            if (bytes.Length < 5)
            {
                error = $"the signature of {parts[1]} is too short";
                return false;
            }

            signatures.Add(new NoteSignature(parts[1], System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]));
        }

        parsed = new SignedNote(text, signatures);
        error = string.Empty;
        return true;
    }
}
