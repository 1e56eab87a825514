namespace Tunda.Mail;

/// <summary>Checks shared by everything that ends up in a header line.</summary>
internal static class HeaderValues
{
    /// <summary>A CR or LF in a value would let its author start a header (or the body) of their own.</summary>
    public static void RejectLineBreaks(string value, string what)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"{what} must not contain a line break (CR or LF).", what);
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{what} must not contain a NUL character.", what);
        }
    }

    /// <summary>A field name is printable ASCII without a colon (RFC 5322 section 2.2).</summary>
    public static void CheckFieldName(string name)
    {
        if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
        {
            throw new ArgumentException($"'{name}' is not a valid header field name.", nameof(name));
        }
    }

    /// <summary>A msg-id without its angle brackets: no whitespace, no brackets, one '@' with text both sides.</summary>
    public static string NormaliseMessageId(string id, string what)
    {
        RejectLineBreaks(id, what);
        var bare = id.Trim();
        if (bare.StartsWith('<') && bare.EndsWith('>'))
        {
            bare = bare[1..^1];
        }

        var at = bare.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == bare.Length - 1 || bare.Any(c => c <= ' ' || c >= 127 || c is '<' or '>'))
        {
            throw new ArgumentException($"'{id}' is not a message id (left@right).", what);
        }

        return $"<{bare}>";
    }

    /// <summary>Visible ASCII, space and tab: what unstructured header text may hold as it is (RFC 5322 section 3.2.5).</summary>
    public static bool IsPrintableAscii(string value) => value.All(c => c is (>= ' ' and < (char)127) or '\t');
}
