namespace Tunda.Mail.Parsing;

/// <summary>
/// A mailbox read from a received header. Unlike <see cref="MailboxAddress"/> it never throws: an
/// address that is not a valid addr-spec is kept with <see cref="IsValid"/> false, so the message is
/// still read and staff can see what the sender wrote.
/// </summary>
/// <param name="Address">The addr-spec as written (local@domain), never decoded from an encoded word.</param>
/// <param name="DisplayName">The decoded display name, or null.</param>
/// <param name="NormalizedAddress">
/// For comparisons: the local part as written and the domain lower-cased in its ASCII (punycode) form;
/// null when the address is not valid.
/// </param>
/// <param name="Group">The name of the RFC 5322 group the mailbox was listed in, or null.</param>
public sealed record InboundMailbox(string Address, string? DisplayName, string? NormalizedAddress, string? Group = null)
{
    public bool IsValid => NormalizedAddress is not null;

    public override string ToString() => DisplayName is null ? Address : $"{DisplayName} <{Address}>";
}
