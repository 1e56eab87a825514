namespace Tunda.Mail.Parsing;

/// <summary>Bounds past which a message is quarantined instead of processed (never a failure).</summary>
public sealed record MimeParserLimits
{
    public static MimeParserLimits Default { get; } = new();

    public long MaxMessageBytes { get; init; } = 25 * 1024 * 1024;

    public int MaxHeaderCount { get; init; } = 1_000;

    public int MaxNestingDepth { get; init; } = 32;

    public int MaxParts { get; init; } = 500;

    public int MaxEncodedWordsPerHeader { get; init; } = 500;
}
