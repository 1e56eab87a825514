using Tunda.Mail.Classification;
using Tunda.Mail.Tests.Parsing;

namespace Tunda.Mail.Tests.Classification;

/// <summary>Quoted-reply stripping on the text the parser makes of real replies, HTML-only ones included.</summary>
public sealed class RawReplyTextTests
{
    [Fact]
    public void an_html_only_gmail_reply_loses_its_quotation()
    {
        var message = Parse.Message("""
            From: Mario Rossi <mario.rossi@gmail.example>
            To: support@tunda.it
            Subject: Re: Il tuo ticket #42
            Content-Type: text/html; charset="UTF-8"

            <div dir="ltr">Perfetto, <b>grazie</b>!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Il giorno gio 3 dic 2026 alle ore 09:15 Tunda Assistenza &lt;<a href="mailto:support@tunda.it">support@tunda.it</a>&gt; ha scritto:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Gentile cliente, il dominio è rinnovato.</blockquote></div>
            """);

        var stripped = ReplyText.StripQuoted(message.TextBody);

        stripped.ShouldStartWith("Perfetto, ");
        stripped.ShouldContain("grazie");
        stripped.ShouldNotContain("Gentile cliente");
        stripped.ShouldNotContain("ha scritto");
    }

    [Fact]
    public void an_html_only_outlook_reply_in_italian_loses_the_header_block_and_what_follows()
    {
        var message = Parse.Message("""
            From: Mario Rossi <mario.rossi@example.it>
            To: support@tunda.it
            Subject: R: Il tuo ticket #42
            Content-Type: text/html; charset="utf-8"
            Content-Transfer-Encoding: quoted-printable

            <html><body><p>Va bene, procedete.</p><p>Mario</p>
            <div style=3D"border-top:solid #E1E1E1 1.0pt"><p><b>Da:</b> Tunda Assistenza &lt;support@tunda.it&gt;<br>
            <b>Inviato:</b> gioved=C3=AC 3 dicembre 2026 09:15<br><b>A:</b> Mario Rossi<br>
            <b>Oggetto:</b> Il tuo ticket #42</p></div><p>Gentile cliente, serve una conferma.</p></body></html>
            """);

        var stripped = ReplyText.StripQuoted(message.TextBody);

        stripped.ShouldStartWith("Va bene, procedete.");
        stripped.ShouldContain("Mario");
        stripped.ShouldNotContain("Gentile cliente");
        stripped.ShouldNotContain("Inviato");
    }
}
