namespace Tunda.Mail.Parsing;

/// <summary>What one parse shares across the whole tree, embedded messages included: limits, counters, problems.</summary>
internal sealed class ParseContext(MimeParserLimits limits, DateTimeOffset arrivedAt)
{
    public MimeParserLimits Limits { get; } = limits;

    public DateTimeOffset ArrivedAt { get; } = arrivedAt;

    public List<string> Problems { get; } = [];

    public string? QuarantineReason { get; private set; }

    public int Parts { get; set; }

    /// <summary>The bytes each embedded message had in the input, as MimeKit's parser reported their offsets.</summary>
    public Dictionary<MimeKit.MimeMessage, ReadOnlyMemory<byte>> EmbeddedMessages { get; } = new(ReferenceEqualityComparer.Instance);

    public byte[]? OriginalBytes(MimeKit.MimeMessage message) => EmbeddedMessages.TryGetValue(message, out var bytes) ? bytes.ToArray() : null;

    /// <summary>Once a limit is exceeded the parser stops descending, keeping what it has read.</summary>
    public bool Stopped => QuarantineReason is not null;

    public void Quarantine(string reason)
    {
        if (QuarantineReason is null)
        {
            QuarantineReason = reason;
            Problems.Add(reason);
        }
    }

    public void Problem(string problem)
    {
        // A hostile message could repeat one fault thousands of times; the list stays readable.
        if (Problems.Count < 100 && !Problems.Contains(problem))
        {
            Problems.Add(problem);
        }
    }
}
