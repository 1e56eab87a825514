using System.Text;

namespace Tunda.Mail.Tests.Corpus;

/// <summary>
/// Inputs shaped to make a naive reader recurse without bound or scan quadratically: deep comments and
/// HTML nesting, long runs of almost-delimiters, huge parameter and address lists. Random mutations rarely
/// reach these shapes, so they are built on purpose.
/// </summary>
internal static class PathologicalInputs
{
    private static readonly Dictionary<string, Func<string>> Builders = new()
    {
        ["nested comments in From"] = () => "From: " + new string('(', 50_000) + "x" + new string(')', 50_000) + " a@example.it\r\nSubject: x\r\n\r\nbody\r\n",
        ["unclosed encoded words in Subject"] = () => "From: a@example.it\r\nSubject: " + string.Concat(Enumerable.Repeat("=?utf-8?q?", 100_000)) + "\r\n\r\nbody\r\n",
        ["lines that almost match the boundary"] = () => Headers("multipart/mixed; boundary=\"abc\"") + "--abc\r\nContent-Type: text/plain\r\n\r\n" + string.Concat(Enumerable.Repeat("--ab\r\n", 200_000)) + "--abc--\r\n",
        ["a header folded 100,000 times"] = () => "From: a@example.it\r\nSubject: x" + string.Concat(Enumerable.Repeat("\r\n y", 100_000)) + "\r\n\r\nbody\r\n",
        ["10,000 RFC 2231 continuations in reverse order"] = () => Headers("application/pdf; " + string.Join("; ", Enumerable.Range(0, 10_000).Reverse().Select(i => $"name*{i}*=a%41"))) + "x\r\n",
        ["50,000 nested divs"] = () => Headers("text/html; charset=utf-8") + string.Concat(Enumerable.Repeat("<div>", 50_000)) + "testo" + string.Concat(Enumerable.Repeat("</div>", 50_000)) + "\r\n",
        ["50,000 unclosed blockquotes"] = () => Headers("text/html; charset=utf-8") + string.Concat(Enumerable.Repeat("<blockquote>", 50_000)) + "testo\r\n",
        ["a megabyte of backslashes in a quoted display name"] = () => "From: \"" + new string('\\', 1_000_000) + "\" <a@example.it>\r\nSubject: x\r\n\r\nbody\r\n",
        ["100,000 addresses in To"] = () => "From: a@example.it\r\nTo: " + string.Join(", ", Enumerable.Range(0, 100_000).Select(i => $"u{i}@example.it")) + "\r\nSubject: x\r\n\r\nbody\r\n",
        ["50,000 encoded display names MimeKit leaves encoded in To"] = () => "From: a@example.it\r\nTo: " + string.Join(", ", Enumerable.Range(0, 50_000).Select(i => $"=?utf-8?q?u{i}=40tunda.it?= <u{i}@example.it>")) + "\r\nSubject: x\r\n\r\nbody\r\n",
        ["50,000 punycode addresses in To"] = () => "From: a@example.it\r\nTo: " + string.Join(", ", Enumerable.Range(0, 50_000).Select(i => $"u{i}@xn--caff-8oa.it")) + "\r\nSubject: x\r\n\r\nbody\r\n",
        ["100,000 group names in To"] = () => "From: a@example.it\r\nTo: " + string.Concat(Enumerable.Repeat("g:", 100_000)) + "x@example.it\r\nSubject: x\r\n\r\nb\r\n",
        ["100,000 quoted attribution lines"] = () => Headers("text/plain; charset=utf-8") + "Ciao\r\n\r\n" + string.Concat(Enumerable.Repeat("> On Mon, Tunda wrote:\r\n", 100_000)),
        ["200,000 flowed lines"] = () => Headers("text/plain; charset=utf-8; format=flowed") + string.Concat(Enumerable.Repeat("parola \r\n", 200_000)) + "fine\r\n",
        ["a megabyte of quoted-printable equals signs"] = () => Headers("text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable\r\n") + new string('=', 1_000_000) + "\r\n",
        ["3,500 table cells with inline styles (just under the tag limit)"] = () => Headers("text/html; charset=utf-8") + "<table>" + string.Concat(Enumerable.Repeat("<tr><td style=\"font-family: Arial; font-size: 14px; color: #333; padding: 10px; background-color: #f4f4f4\">x</td></tr>", 3_500)) + "</table>\r\n",
        ["one style attribute of 150,000 declarations"] = () => Headers("text/html; charset=utf-8") + "<p style=\"" + string.Concat(Enumerable.Repeat("color: red; ", 150_000)) + "\">testo</p>\r\n",
        ["20,000 attributes on one HTML element"] = () => Headers("text/html; charset=utf-8") + "<p " + string.Join(" ", Enumerable.Range(0, 20_000).Select(i => $"a{i}=\"x\"")) + ">testo</p>\r\n",
        ["100,000 results in our Authentication-Results"] = () => "Authentication-Results: mx.tunda.it; " + string.Join("; ", Enumerable.Repeat("spf=pass", 100_000)) + "\r\n" + Headers("text/plain"),
        ["a delivery report of 20,000 recipients"] = () => Headers("multipart/report; report-type=delivery-status; boundary=b") + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\n"
            + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"Final-Recipient: rfc822; u{i}@x\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n")) + "--b--\r\n",
    };

    public static IEnumerable<string> Names => Builders.Keys;

    public static byte[] Build(string name) => Encoding.UTF8.GetBytes(Builders[name]());

    private static string Headers(string contentType, string extra = "") =>
        $"From: a@example.it\r\nTo: support@tunda.it\r\nSubject: x\r\n{extra}Content-Type: {contentType}\r\n\r\n";
}
