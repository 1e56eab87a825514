using System.Text;

namespace Tunda.Mail.Imap;

internal enum ImapTokenKind
{
    Atom,
    String,
    Nil,
    List,
}

/// <summary>
/// One item of a server response: an atom (numbers, flags, BODY[] keys), a string (quoted or a {n} literal,
/// kept as bytes), NIL, or a parenthesised list of items.
/// </summary>
internal sealed class ImapToken
{
    private ImapToken(ImapTokenKind kind, string text, byte[]? bytes, IReadOnlyList<ImapToken>? items)
    {
        Kind = kind;
        Text = text;
        Bytes = bytes;
        Items = items ?? [];
    }

    public static ImapToken Nil { get; } = new(ImapTokenKind.Nil, "NIL", null, null);

    public ImapTokenKind Kind { get; }

    /// <summary>An atom's text, or a string decoded as UTF-8 (names, flags); use <see cref="Bytes"/> for message data.</summary>
    public string Text { get; }

    public byte[]? Bytes { get; }

    public IReadOnlyList<ImapToken> Items { get; }

    public static ImapToken Atom(string text) => new(ImapTokenKind.Atom, text, null, null);

    public static ImapToken String(byte[] bytes) => new(ImapTokenKind.String, Encoding.UTF8.GetString(bytes), bytes, null);

    public static ImapToken List(IReadOnlyList<ImapToken> items) => new(ImapTokenKind.List, "", null, items);

    public bool Is(string atom) => Kind == ImapTokenKind.Atom && Text.Equals(atom, StringComparison.OrdinalIgnoreCase);

    public bool TryGetNumber(out long number) => long.TryParse(Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && Kind == ImapTokenKind.Atom;

    public override string ToString() => Kind switch
    {
        ImapTokenKind.List => "(" + string.Join(' ', Items) + ")",
        ImapTokenKind.String => "\"" + Text + "\"",
        _ => Text,
    };
}

/// <summary>
/// A whole server response. Tagged and untagged status responses (OK/NO/BAD/BYE/PREAUTH) carry the
/// bracketed response code and free text; untagged data ("* 3 EXISTS", "* 2 FETCH (...)") carries tokens.
/// </summary>
internal sealed record ImapResponse(string Tag, string? Status, string? Code, string Text, IReadOnlyList<ImapToken> Tokens)
{
    public bool IsContinuation => Tag == "+";

    public bool IsUntagged => Tag == "*";

    /// <summary>The keyword of untagged data: "CAPABILITY", "LIST", "SEARCH", or for "* 3 EXISTS" the word after the number.</summary>
    public string Keyword => Status ?? (Tokens.Count > 1 && Tokens[0].TryGetNumber(out _) ? Tokens[1].Text : Tokens.Count > 0 ? Tokens[0].Text : "");

    public bool Is(string keyword) => Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>The number before the keyword in "* 3 EXISTS" / "* 2 FETCH".</summary>
    public long Number => Tokens.Count > 1 && Tokens[0].TryGetNumber(out var n) ? n : -1;
}
