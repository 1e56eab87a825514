namespace Tunda.Mail.Classification;

/// <summary>One thing in a message that points to a kind of mail, with the words staff see for it.</summary>
internal readonly record struct Signal(MailKind Kind, string Reason);
