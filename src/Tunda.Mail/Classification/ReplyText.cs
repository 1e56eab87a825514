namespace Tunda.Mail.Classification;

/// <summary>Cuts the quoted earlier conversation off a reply, so a ticket shows only what is new.</summary>
public static class ReplyText
{
    /// <summary>The line our own outgoing mails put above the text, asking to write above it.</summary>
    public const string OurSeparator = "##- Scrivi sopra questa riga / Write above this line -##";

    public static string StripQuoted(string textBody) =>
        throw new NotImplementedException("issue 5: the classification helper implements this");
}
