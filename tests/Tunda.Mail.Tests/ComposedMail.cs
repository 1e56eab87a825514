using System.Text;
using MimeKit;
using Tunda.Mail;

namespace Tunda.Mail.Tests;

/// <summary>What the composer wrote: the raw bytes, and the message MimeKit reads back from them as a receiving client would.</summary>
internal sealed class ComposedMail
{
    public ComposedMail(byte[] bytes)
    {
        Bytes = bytes;
        Text = Encoding.ASCII.GetString(bytes);
        Message = MimeMessage.Load(new MemoryStream(bytes));
    }

    public byte[] Bytes { get; }

    public string Text { get; }

    public MimeMessage Message { get; }

    public string RawHeaders => Text[..Text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];

    public IReadOnlyList<string> RawHeaderLines => RawHeaders.Split("\r\n");

    /// <summary>The unfolded, decoded value of the first field called <paramref name="name"/>.</summary>
    public string? Header(string name) => Message.Headers[name];

    public int Count(string name) => RawHeaderLines.Count(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));

    public string Body => Text[(Text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    public static ComposedMail Of(OutgoingMessage message) => new(BytesOf(MimeComposer.Compose(message)));

    public static byte[] BytesOf(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(MimeComposer.WireFormat, stream);
        return stream.ToArray();
    }

    public static OutgoingMessage Simple(string subject = "Prova", string text = "Ciao") => new()
    {
        From = new MailboxAddress("noreply@tunda.example", "Tunda"),
        To = [new MailboxAddress("mario.rossi@example.it", "Mario Rossi")],
        Subject = subject,
        TextBody = text,
    };
}
