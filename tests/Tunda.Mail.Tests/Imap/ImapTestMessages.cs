using System.Text;

namespace Tunda.Mail.Tests.Imap;

internal static class ImapTestMessages
{
    /// <summary>A message whose bytes test literal handling: 8-bit text, quotes, parentheses, braces, a "{5}" that is not a literal.</summary>
    public static byte[] Tricky(string subject) => Encoding.UTF8.GetBytes(
        "From: \"Mario (Rossi)\" <mario.rossi@example.it>\r\n"
        + "To: supporto@tunda.example\r\n"
        + $"Subject: {subject}\r\n"
        + $"Message-ID: <{Guid.NewGuid():N}@example.it>\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n"
        + "\r\n"
        + "Buongiorno, il sito è irraggiungibile \"da ieri\" (errore {5})\r\n"
        + ")\r\n* 1 FETCH (UID 99)\r\n");

    public static byte[] Simple(string subject, int bodyBytes = 100) => Encoding.ASCII.GetBytes(
        "From: cliente@example.it\r\nTo: supporto@tunda.example\r\n"
        + $"Subject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.it>\r\n\r\n"
        + new string('x', bodyBytes) + "\r\n");
}
