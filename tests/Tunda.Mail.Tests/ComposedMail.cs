using System.Text;
using Tunda.Mail;

namespace Tunda.Mail.Tests;

/// <summary>Reads back what the composer wrote, the way a receiving client would.</summary>
internal sealed class ComposedMail(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public string Text { get; } = Encoding.ASCII.GetString(bytes);

    public string RawHeaders => Text[..Text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];

    public IReadOnlyList<string> RawHeaderLines => RawHeaders.Split("\r\n");

    /// <summary>The unfolded, decoded value of the first field called <paramref name="name"/>.</summary>
    public string? Header(string name) => RawHeaders.Replace("\r\n ", " ", StringComparison.Ordinal).Split("\r\n")
        .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        .Select(l => EncodedWords.Decode(l[(name.Length + 1)..].Trim())).FirstOrDefault();

    public int Count(string name) => RawHeaderLines.Count(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));

    public string Body => Text[(Text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    public static ComposedMail Of(OutgoingMessage message) => new(MimeComposer.Compose(message));

    public static OutgoingMessage Simple(string subject = "Prova", string text = "Ciao") => new()
    {
        From = new MailboxAddress("noreply@tunda.example", "Tunda"),
        To = [new MailboxAddress("mario.rossi@example.it", "Mario Rossi")],
        Subject = subject,
        TextBody = text,
    };
}
