using MimeKit;

namespace Tunda.Web.Features.Email;

/// <summary>A message file of the pickup folder, read with MimeKit just enough to show it.</summary>
internal sealed record PickedUpMail(string FileName, MimeMessage Message, string Source)
{
    /// <summary>The decoded value of a header of the message, or "" when it has none.</summary>
    public string Header(string name) => Message.Headers[name] ?? "";

    /// <summary>The decoded text body, or null when the message has no text part.</summary>
    public string? Text => Message.TextBody;

    public static PickedUpMail Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return new PickedUpMail(Path.GetFileName(path), MimeMessage.Load(new MemoryStream(bytes)), System.Text.Encoding.UTF8.GetString(bytes));
    }
}
