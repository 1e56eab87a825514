namespace Tunda.Mail.Imap;

/// <summary>A folder from LIST, with its attributes (\Sent, \Noselect, \HasChildren...). <see cref="Name"/> is decoded.</summary>
public sealed record ImapFolder(string Name, string? Delimiter, IReadOnlyList<string> Attributes)
{
    /// <summary>The special-use Sent folder (RFC 6154): mail we sent ourselves, never to be read as incoming.</summary>
    public bool IsSent => HasAttribute("\\Sent");

    public bool HasAttribute(string attribute) => Attributes.Contains(attribute, StringComparer.OrdinalIgnoreCase);
}

/// <summary>What SELECT reported about the folder now open.</summary>
/// <param name="UidValidity">When it changes, every UID remembered for this folder means nothing any more.</param>
/// <param name="UidNext">The UID the next message will get (a lower bound when the server does not say).</param>
/// <param name="CanCreateKeywords">PERMANENTFLAGS holds \*: keywords such as $TundaImported can be set.</param>
public sealed record ImapSelectedFolder(string Name, long UidValidity, long UidNext, long Exists, bool CanCreateKeywords);

/// <summary>A message's UID, size in bytes (RFC822.SIZE) and flags, fetched before deciding to download it.</summary>
public sealed record ImapMessageSummary(long Uid, long Size, IReadOnlyList<string> Flags)
{
    public bool HasFlag(string flag) => Flags.Contains(flag, StringComparer.OrdinalIgnoreCase);
}
