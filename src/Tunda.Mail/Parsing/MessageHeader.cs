namespace Tunda.Mail.Parsing;

/// <summary>
/// One header field as received. <see cref="RawValue"/> holds the bytes after the colon exactly as
/// they arrived (folding included), so nothing is lost; <see cref="Value"/> is the unfolded text with
/// encoded words and 8-bit bytes decoded (never used for addresses' addr-specs).
/// </summary>
public sealed record MessageHeader(string Name, byte[] RawValue, string Value);
