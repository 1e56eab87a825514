using System.Globalization;
using System.Text;

namespace Tunda.Web.Benchmarks;

/// <summary>
/// Messages shaped like a hosting provider's support inbox: mostly short plain-text requests, some
/// HTML newsletters-style replies (text + HTML), some with a PDF attached, a few auto-replies. Each
/// has its own Message-ID, so none is a duplicate.
/// </summary>
internal static class BenchMail
{
    private static readonly string[] Subjects =
    [
        "Sito non raggiungibile da stamattina", "Rinnovo dominio example.it", "Re: [Ticket #4821] Certificato SSL scaduto",
        "Casella piena: come aumento lo spazio?", "Fattura n. 2026/1187: richiesta copia", "Migrazione WordPress dal vecchio hosting",
    ];

    public static byte[] Message(int index, string run)
    {
        var id = $"{run}.{index.ToString(CultureInfo.InvariantCulture)}@bench.example.it";
        var subject = Subjects[index % Subjects.Length];
        var date = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(1)).AddSeconds(index).ToString("ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(29, 1);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Return-Path: <cliente{index % 500}@example.it>\r\n")
            .Append(CultureInfo.InvariantCulture, $"Received: from mail.example.it (mail.example.it [198.51.100.{index % 250}])\r\n\tby mx.tunda.it (Postfix) with ESMTPS id 4Q{index:X6}\r\n\tfor <assistenza@tunda.it>; {date}\r\n")
            .Append("Authentication-Results: mx.tunda.it; spf=pass smtp.mailfrom=example.it; dkim=pass header.d=example.it; dmarc=pass header.from=example.it\r\n")
            .Append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.it; s=mail; h=from:to:subject:date:message-id;\r\n\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\tb=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: Cliente {index % 500} <cliente{index % 500}@example.it>\r\n")
            .Append("To: Assistenza Tunda <assistenza@tunda.it>\r\n")
            .Append(CultureInfo.InvariantCulture, $"Subject: {subject}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {date}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Message-ID: <{id}>\r\n")
            .Append("MIME-Version: 1.0\r\n");
        var body = (index % 20) switch
        {
            0 => AutoReply(head),
            1 or 2 => WithAttachment(head, index),
            >= 3 and <= 7 => Alternative(head),
            _ => Plain(head),
        };
        return Encoding.UTF8.GetBytes(body);
    }

    private const string Text = "Buongiorno,\r\n\r\nda stamattina il sito non risponde e la posta non arriva più. Ho già provato a svuotare la cache\r\ndel browser e a riavviare il router, senza risultato. Potete verificare se c'è un problema sul server?\r\n\r\nIl dominio è example.it, il contratto è intestato alla mia società.\r\n\r\nGrazie e buona giornata,\r\nMario Rossi\r\n";

    private static string Plain(StringBuilder head) =>
        head.Append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").Append(Text).ToString();

    private static string AutoReply(StringBuilder head) =>
        head.Append("Auto-Submitted: auto-replied\r\nX-Autoreply: yes\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSono fuori ufficio fino al 10 dicembre. Per urgenze scrivete a ufficio@example.it.\r\n").ToString();

    private static string Alternative(StringBuilder head)
    {
        var html = "<html><body><p>" + Text.Replace("\r\n\r\n", "</p><p>", StringComparison.Ordinal).Replace("\r\n", "<br>", StringComparison.Ordinal) + "</p></body></html>";
        return head.Append("Content-Type: multipart/alternative; boundary=\"alt-b\"\r\n\r\n")
            .Append("--alt-b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
            .Append(Text.Replace("è", "=C3=A8", StringComparison.Ordinal).Replace("ù", "=C3=B9", StringComparison.Ordinal).Replace("à", "=C3=A0", StringComparison.Ordinal))
            .Append("\r\n--alt-b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").Append(html)
            .Append("\r\n--alt-b--\r\n").ToString();
    }

    private static string WithAttachment(StringBuilder head, int index)
    {
        var pdf = new byte[40_000];
        new Random(index).NextBytes(pdf);
        return head.Append("Content-Type: multipart/mixed; boundary=\"mix-b\"\r\n\r\n")
            .Append("--mix-b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").Append(Text)
            .Append("\r\n--mix-b\r\nContent-Type: application/pdf; name=\"fattura.pdf\"\r\nContent-Disposition: attachment; filename=\"fattura.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .Append(Convert.ToBase64String(pdf, Base64FormattingOptions.InsertLineBreaks))
            .Append("\r\n--mix-b--\r\n").ToString();
    }
}
