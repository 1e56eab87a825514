using System.Security.Cryptography;
using System.Text;

namespace Tunda.Mail;

/// <summary>
/// Message-IDs that carry a short reference (a ticket number) and prove that Tunda wrote them, so a reply
/// naming one in In-Reply-To or References can be matched to its ticket without trusting the sender.
/// </summary>
/// <remarks>
/// The left part is <c>[REFERENCE.]UNIQUE.MAC</c>: the reference in upper case, a 128-bit unique part and
/// HMAC-SHA256 over both truncated to 128 bits, each in hexadecimal. Only the left part is signed and it is
/// read without regard to case, so a domain written in another case (or a mail system that folds the case
/// of a whole id) still verifies.
/// </remarks>
public sealed class SignedMessageIds
{
    /// <summary>The shortest key accepted: 256 bits, the size of HMAC-SHA256's output.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The longest reference accepted.</summary>
    public const int MaximumReferenceLength = 32;

    private const int UniqueBytes = 16;
    private const int MacBytes = 16;

    /// <summary>No left part Tunda writes is longer; anything longer is refused before any work.</summary>
    private const int MaximumLeftPartLength = MaximumReferenceLength + 1 + (UniqueBytes * 2) + 1 + (MacBytes * 2);

    /// <summary>Longer than any id with a valid domain (255 characters at most) in angle brackets and some spaces.</summary>
    private const int MaximumInputLength = MaximumLeftPartLength + 300;

    // Keeps these MACs apart from anything else the same key might ever sign.
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("tunda/message-id/v1\n");

    private readonly byte[] _key;

    /// <param name="key">A secret of at least <see cref="MinimumKeyBytes"/> bytes, the same on every node.</param>
    public SignedMessageIds(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"A Message-ID key needs at least {MinimumKeyBytes} bytes; this one has {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>
    /// A Message-ID without angle brackets, <c>left@domain</c>: the same <paramref name="unique"/> and
    /// reference always give the same id, so a retried send repeats it.
    /// </summary>
    /// <param name="domain">The sender's domain (ASCII: punycode for an IDN).</param>
    /// <param name="unique">What makes this mail's id unique, e.g. the id of the message that sends it.</param>
    /// <param name="reference">1 to <see cref="MaximumReferenceLength"/> ASCII letters, digits and '-', e.g. <c>TND-7K3QX</c>; written in upper case.</param>
    /// <exception cref="ArgumentException">The reference or the domain cannot be part of a Message-ID.</exception>
    public string Create(string domain, Guid unique, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{domain}' is not a domain.", nameof(domain));
        }

        if (reference is not null && !IsReference(reference))
        {
            throw new ArgumentException($"'{reference}' is not a reference: 1 to {MaximumReferenceLength} ASCII letters, digits or '-'.", nameof(reference));
        }

        var signed = (reference is null ? "" : reference.ToUpperInvariant() + ".") + Convert.ToHexString(unique.ToByteArray());
        var id = $"{signed}.{Convert.ToHexString(Mac(signed))}@{domain}";
        return HeaderValues.NormaliseMessageId(id, nameof(domain))[1..^1];
    }

    /// <summary>
    /// Whether <paramref name="messageId"/> (with or without angle brackets, surrounding spaces allowed) is
    /// one this key signed. Never throws: anything else, forged, altered or malformed, is simply false.
    /// </summary>
    /// <param name="reference">The reference in upper case, or null when the id was signed without one.</param>
    public bool TryRead(string? messageId, out string? reference)
    {
        reference = null;
        if (LeftPart(messageId) is not { } left)
        {
            return false;
        }

        var macStart = left.LastIndexOf('.');
        if (macStart < 0 || left.Length - macStart - 1 != MacBytes * 2)
        {
            return false;
        }

        var signed = left[..macStart].ToUpperInvariant();
        var referenceEnd = signed.IndexOf('.', StringComparison.Ordinal);
        var unique = referenceEnd < 0 ? signed : signed[(referenceEnd + 1)..];
        var candidate = referenceEnd < 0 ? null : signed[..referenceEnd];
        if (unique.Length != UniqueBytes * 2 || !IsHex(unique) || (candidate is not null && !IsReference(candidate))
            || !IsHex(left.AsSpan(macStart + 1)))
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(left.AsSpan(macStart + 1)), Mac(signed)))
        {
            return false;
        }

        reference = candidate;
        return true;
    }

    private byte[] Mac(string signed)
    {
        var input = new byte[Purpose.Length + signed.Length];
        Purpose.CopyTo(input, 0);
        Encoding.ASCII.GetBytes(signed, input.AsSpan(Purpose.Length));
        return HMACSHA256.HashData(_key, input)[..MacBytes];
    }

    /// <summary>The part before '@' of a bracketed or bare id, or null when it cannot be one of ours.</summary>
    private static string? LeftPart(string? messageId)
    {
        if (messageId is null || messageId.Length > MaximumInputLength)
        {
            return null;
        }

        var id = messageId.AsSpan().Trim();
        if (id.StartsWith("<") && id.EndsWith(">"))
        {
            id = id[1..^1].Trim();
        }

        var at = id.IndexOf('@');
        // ASCII only before any case folding: 'ı' or 'ſ' would otherwise fold into the 'I' or 'S' of a real id.
        return at > 0 && at <= MaximumLeftPartLength && at < id.Length - 1 && Ascii.IsValid(id[..at]) ? id[..at].ToString() : null;
    }

    private static bool IsReference(string value) =>
        value.Length is > 0 and <= MaximumReferenceLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
