using System.Collections;

namespace Tunda.Mail.Parsing;

/// <summary>The header fields of a message or a part, in their original order. Names compare case-insensitively.</summary>
public sealed class HeaderList(IReadOnlyList<MessageHeader> headers) : IReadOnlyList<MessageHeader>
{
    public static HeaderList Empty { get; } = new([]);

    public int Count => headers.Count;

    public MessageHeader this[int index] => headers[index];

    /// <summary>The decoded value of the first field with this name, or null.</summary>
    public string? this[string name] => headers.FirstOrDefault(h => Is(h, name))?.Value;

    public IEnumerable<MessageHeader> All(string name) => headers.Where(h => Is(h, name));

    public bool Contains(string name) => headers.Any(h => Is(h, name));

    public IEnumerator<MessageHeader> GetEnumerator() => headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool Is(MessageHeader header, string name) => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase);
}
