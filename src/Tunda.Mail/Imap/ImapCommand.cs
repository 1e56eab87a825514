using System.Text;

namespace Tunda.Mail.Imap;

/// <summary>
/// A command being built: atoms written as they are, strings quoted or sent as literals, so a folder
/// name or password can never break out of its argument.
/// </summary>
internal sealed class ImapCommand(string name)
{
    private readonly List<object> _parts = [];

    /// <summary>Shown in errors; never the arguments (they may hold a password).</summary>
    public string Name { get; } = name;

    public IReadOnlyList<object> Parts => _parts;

    public ImapCommand Atom(string atom)
    {
        if (atom.Length == 0 || atom.Any(c => c is <= ' ' or >= (char)127 or '"' or '{'))
        {
            throw new ArgumentException($"'{atom}' is not an IMAP atom.", nameof(atom));
        }

        return Text(atom);
    }

    /// <summary>A quoted string when it is plain ASCII without line breaks, otherwise a literal of its UTF-8 bytes.</summary>
    public ImapCommand String(string value) =>
        value.All(c => c is >= ' ' and < (char)127)
            ? Text("\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")
            : Literal(Encoding.UTF8.GetBytes(value));

    public ImapCommand Literal(ReadOnlyMemory<byte> bytes)
    {
        _parts.Add(bytes);
        return this;
    }

    /// <summary>Raw protocol text from trusted pieces (numbers, sets, parenthesised item lists).</summary>
    public ImapCommand Text(string text)
    {
        if (text.Contains('\r', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("IMAP command text cannot contain line breaks.", nameof(text));
        }

        _parts.Add(text);
        return this;
    }

    public static ImapCommand Of(string name) => new ImapCommand(name).Text(name);
}
