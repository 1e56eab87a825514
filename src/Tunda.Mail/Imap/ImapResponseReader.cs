using System.Globalization;
using System.Text;

namespace Tunda.Mail.Imap;

/// <summary>
/// Reads one complete server response (RFC 3501 section 9): atoms, quoted strings with escapes, {n}
/// literals read as exact byte counts, NIL, nested lists, and status responses with a [code] and free text.
/// </summary>
internal sealed class ImapResponseReader(ImapWire wire, long maxLiteralBytes)
{
    private const int MaxTextLength = 64 * 1024;
    private const int MaxDepth = 64;

    private static readonly HashSet<string> StatusWords = new(StringComparer.OrdinalIgnoreCase) { "OK", "NO", "BAD", "BYE", "PREAUTH" };

    public async Task<ImapResponse> ReadAsync(CancellationToken ct)
    {
        var tag = await ReadAtomAsync(ct);
        if (tag == "+")
        {
            return new ImapResponse(tag, null, null, await ReadTextAsync(ct), []);
        }

        await ExpectSpaceAsync(tag, ct);
        var first = await ReadAtomAsync(ct);
        if (StatusWords.Contains(first))
        {
            var (code, text) = await ReadResponseTextAsync(ct);
            return new ImapResponse(tag, first.ToUpperInvariant(), code, text, []);
        }

        if (tag != "*")
        {
            throw new ImapException($"The IMAP server sent a tagged response that is not OK, NO or BAD: {tag} {first}");
        }

        var tokens = new List<ImapToken> { ImapToken.Atom(first) };
        await ReadItemsAsync(tokens, 0, ct);
        return new ImapResponse(tag, null, null, "", tokens);
    }

    /// <summary>Reads items up to the end of the line (depth 0) or the closing parenthesis of a list.</summary>
    private async Task ReadItemsAsync(List<ImapToken> items, int depth, CancellationToken ct)
    {
        while (true)
        {
            var next = await wire.PeekAsync(ct);
            switch (next)
            {
                case (byte)' ':
                    await wire.ReadByteAsync(ct);
                    break;
                case (byte)'\r' or (byte)'\n' when depth == 0:
                    await ReadLineEndAsync(ct);
                    return;
                case (byte)'\r' or (byte)'\n':
                    throw new ImapException("The IMAP server ended a line inside an unclosed list.");
                case (byte)')' when depth > 0:
                    await wire.ReadByteAsync(ct);
                    return;
                case (byte)'(':
                    if (depth >= MaxDepth)
                    {
                        throw new ImapException("The IMAP server sent lists nested too deeply.");
                    }

                    await wire.ReadByteAsync(ct);
                    var list = new List<ImapToken>();
                    await ReadItemsAsync(list, depth + 1, ct);
                    items.Add(ImapToken.List(list));
                    break;
                case (byte)'"':
                    items.Add(ImapToken.String(await ReadQuotedAsync(ct)));
                    break;
                case (byte)'{':
                    items.Add(ImapToken.String(await ReadLiteralAsync(ct)));
                    break;
                default:
                    var atom = await ReadAtomAsync(ct);
                    items.Add(atom.Equals("NIL", StringComparison.OrdinalIgnoreCase) ? ImapToken.Nil : ImapToken.Atom(atom));
                    break;
            }
        }
    }

    /// <summary>An atom, flag or fetch key; a [section] inside it (BODY[HEADER.FIELDS (A B)]) may hold spaces.</summary>
    private async Task<string> ReadAtomAsync(CancellationToken ct)
    {
        var text = new StringBuilder();
        var brackets = 0;
        while (true)
        {
            var b = await wire.PeekAsync(ct);
            if (b is (byte)'\r' or (byte)'\n' || (brackets == 0 && b is (byte)' ' or (byte)'(' or (byte)')' or (byte)'"' or (byte)'{'))
            {
                break;
            }

            brackets += b == '[' ? 1 : b == ']' && brackets > 0 ? -1 : 0;
            text.Append((char)await wire.ReadByteAsync(ct));
            CheckLength(text.Length);
        }

        if (text.Length == 0)
        {
            throw new ImapException($"The IMAP server sent an unexpected character '{(char)await wire.PeekAsync(ct)}'.");
        }

        return text.ToString();
    }

    private async Task<byte[]> ReadQuotedAsync(CancellationToken ct)
    {
        await wire.ReadByteAsync(ct);
        var bytes = new List<byte>();
        while (true)
        {
            var b = await wire.ReadByteAsync(ct);
            if (b == '"')
            {
                return [.. bytes];
            }

            if (b is (byte)'\r' or (byte)'\n')
            {
                throw new ImapException("The IMAP server ended a line inside a quoted string.");
            }

            bytes.Add(b == '\\' ? await wire.ReadByteAsync(ct) : b);
            CheckLength(bytes.Count);
        }
    }

    private async Task<byte[]> ReadLiteralAsync(CancellationToken ct)
    {
        await wire.ReadByteAsync(ct);
        var digits = new StringBuilder();
        byte b;
        while ((b = await wire.ReadByteAsync(ct)) != '}')
        {
            if (b is < (byte)'0' or > (byte)'9' || digits.Length > 18)
            {
                throw new ImapException("The IMAP server sent a malformed literal length.");
            }

            digits.Append((char)b);
        }

        var length = long.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        if (length > maxLiteralBytes || length > Array.MaxLength)
        {
            throw new ImapException($"The IMAP server announced a literal of {length} bytes, more than the {maxLiteralBytes} allowed.");
        }

        await ReadLineEndAsync(ct);
        return await wire.ReadExactlyAsync((int)length, ct);
    }

    /// <summary>After OK/NO/BAD/BYE: an optional [response code], then free text to the end of the line.</summary>
    private async Task<(string? Code, string Text)> ReadResponseTextAsync(CancellationToken ct)
    {
        var text = await ReadTextAsync(ct);
        if (!text.StartsWith('['))
        {
            return (null, text);
        }

        var close = text.IndexOf(']', StringComparison.Ordinal);
        return close < 0 ? (null, text) : (text[1..close], text[(close + 1)..].TrimStart());
    }

    private async Task<string> ReadTextAsync(CancellationToken ct)
    {
        var bytes = new List<byte>();
        while (await wire.PeekAsync(ct) is not ((byte)'\r' or (byte)'\n'))
        {
            bytes.Add(await wire.ReadByteAsync(ct));
            CheckLength(bytes.Count);
        }

        await ReadLineEndAsync(ct);
        return Encoding.UTF8.GetString([.. bytes]).TrimStart(' ');
    }

    private async Task ExpectSpaceAsync(string after, CancellationToken ct)
    {
        if (await wire.ReadByteAsync(ct) != ' ')
        {
            throw new ImapException($"The IMAP server sent a malformed response after '{after}'.");
        }
    }

    private async Task ReadLineEndAsync(CancellationToken ct)
    {
        // Tolerates a bare LF, as some servers send.
        if (await wire.ReadByteAsync(ct) == '\r' && await wire.PeekAsync(ct) == '\n')
        {
            await wire.ReadByteAsync(ct);
        }
    }

    private static void CheckLength(int length)
    {
        if (length > MaxTextLength)
        {
            throw new ImapException("The IMAP server sent a response line longer than any should be.");
        }
    }
}
