namespace Tunda.Mail.Parsing;

/// <summary>What one parse shares across the whole tree, embedded messages included: limits, counters, problems.</summary>
internal sealed class ParseContext(MimeParserLimits limits, DateTimeOffset arrivedAt)
{
    public MimeParserLimits Limits { get; } = limits;

    public DateTimeOffset ArrivedAt { get; } = arrivedAt;

    public List<string> Problems { get; } = [];

    public string? QuarantineReason { get; private set; }

    public int Parts { get; set; }

    /// <summary>The bytes each embedded message had in its input, as MimeKit's parser reported their offsets.</summary>
    private readonly Dictionary<MimeKit.MimeMessage, ReadOnlyMemory<byte>> embeddedMessages = new(ReferenceEqualityComparer.Instance);

    /// <summary>Has MimeKit read a message (the received one, or one carried base64-encoded inside it), noting where each message within it lies.</summary>
    public MimeKit.MimeMessage Load(ReadOnlyMemory<byte> input)
    {
        // Persistent: parts' contents stay views of the input instead of being copied while parsing.
        var parser = new MimeKit.MimeParser(ReaderOptions.For(Limits), InputBytes.AsStream(input), MimeKit.MimeFormat.Entity, persistent: true);
        parser.MimeMessageEnd += (_, e) =>
        {
            if (e.Parent is not null)
            {
                embeddedMessages[e.Message] = input[(int)e.BeginOffset..(int)e.EndOffset];
            }
        };
        return parser.ParseMessage();
    }

    /// <summary>The bytes of a message embedded in one that <see cref="Load"/> read, exactly as they arrived.</summary>
    public byte[] OriginalBytes(MimeKit.MimeMessage message) => embeddedMessages[message].ToArray();

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
