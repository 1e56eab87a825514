using System.Text;

namespace Tunda.Web.Tests.Inbound;

/// <summary>Messages as an MTA hands them over, as bytes.</summary>
internal static class SampleMail
{
    public static byte[] Personal(string? messageId = "richiesta-1@example.it", string subject = "Sito non raggiungibile", string from = "Mario Rossi <mario.rossi@example.it>") =>
        Encoding.UTF8.GetBytes(
            "Return-Path: <mario.rossi@example.it>\r\n" +
            "Authentication-Results: mx.tunda.test; spf=pass smtp.mailfrom=example.it; dkim=pass header.d=example.it; dmarc=pass header.from=example.it\r\n" +
            $"From: {from}\r\n" +
            "To: assistenza@tunda.it\r\n" +
            $"Subject: {subject}\r\n" +
            "Date: Thu, 03 Dec 2026 08:15:00 +0100\r\n" +
            (messageId is null ? "" : $"Message-ID: <{messageId}>\r\n") +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: 8bit\r\n" +
            "\r\n" +
            "Buongiorno,\r\nil sito www.example.it non risponde da stamattina. Potete verificare?\r\n\r\nGrazie, Mario\r\n");

    /// <summary>Random bytes: no header block, NULs and all.</summary>
    public static byte[] Garbage(int length = 4096)
    {
        var bytes = new byte[length];
        new Random(5).NextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }
}
