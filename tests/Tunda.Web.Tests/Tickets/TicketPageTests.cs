using System.Net;
using System.Text;
using Tunda.Web.Tests.Accounts;

namespace Tunda.Web.Tests.Tickets;

/// <summary>The customer's ticket pages as a browser posts them: multipart with attachments, the generic-message warning, the thread.</summary>
public sealed class TicketPageTests
{
    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string page, IEnumerable<(string Name, string Value)> fields, IEnumerable<(string Name, byte[] Bytes)> files, string? action = null)
    {
        var form = await client.GetAsync(new Uri(page, UriKind.Relative));
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync())!;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        foreach (var (name, bytes) in files)
        {
            body.Add(new ByteArrayContent(bytes), "Input.Attachments", name);
        }

        return await client.PostAsync(new Uri(action ?? page, UriKind.Relative), body);
    }

    private static readonly (string, string)[] GoodTicket =
    [
        ("Input.Department", "technical"), ("Input.Subject", "Posta non consegnata"), ("Input.ServiceOrDomain", "rossi.it"), ("Input.Since", "ieri sera"),
        ("Input.Text", "Le e-mail inviate a info@rossi.it tornano indietro con errore 550 da ieri sera; ho verificato i record MX."),
    ];

    [Fact]
    public async Task a_customer_opens_a_ticket_with_an_attachment_and_downloads_it_from_the_thread()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");
        var log = Encoding.UTF8.GetBytes("550 5.1.1 mailbox unavailable\n");

        var opened = await PostMultipartAsync(mario, "/area-clienti/ticket/nuovo", GoodTicket, [("../../etc/bounce.log", log)]);

        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = opened.Headers.Location!.ToString();
        location.ShouldMatch("^/area-clienti/ticket/TND-[A-Z0-9]{5}\\?fatto=aperto$");
        var thread = await (await mario.GetAsync(new Uri(location, UriKind.Relative))).Content.ReadAsStringAsync();
        thread.ShouldContain("Ticket aperto");
        thread.ShouldContain("Servizio o dominio: rossi.it");
        thread.ShouldContain("Da quando: ieri sera");
        thread.ShouldContain(">bounce.log</a>");
        var link = System.Text.RegularExpressions.Regex.Match(thread, "href=\"(/api/tickets/[^\"]+/attachments/[^\"]+)\"").Groups[1].Value;
        var download = await mario.GetAsync(new Uri(link, UriKind.Relative));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(log);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");

        await app.SeedCustomerAsync("anna@example.it", firstName: "Anna", lastName: "Verdi");
        using var anna = await app.SignInAsync("anna@example.it");
        (await anna.GetAsync(new Uri(link, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_refused_attachment_keeps_the_form_and_names_the_file_and_nothing_is_stored()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");

        var answer = await PostMultipartAsync(mario, "/area-clienti/ticket/nuovo", GoodTicket, [("virus.exe", [1, 2, 3])]);

        answer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await answer.Content.ReadAsStringAsync();
        html.ShouldContain("virus.exe: questo tipo di file non si può allegare.");
        html.ShouldContain("Posta non consegnata");
        (await Tunda.Testing.TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.ticket_attachments")).ShouldBe(0);
    }

    [Fact]
    public async Task a_too_generic_message_is_sent_back_with_a_warning_and_goes_when_confirmed()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");
        (string, string)[] vague = [("Input.Department", "technical"), ("Input.Subject", "Problema"), ("Input.Text", "Non funziona niente")];

        var warned = await PostMultipartAsync(mario, "/area-clienti/ticket/nuovo", vague, []);

        warned.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await warned.Content.ReadAsStringAsync();
        html.ShouldContain("troppo generico");
        html.ShouldContain("Invia comunque");
        var sent = await PostMultipartAsync(mario, "/area-clienti/ticket/nuovo", [.. vague, ("Input.Confirmed", "true")], []);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task the_customer_replies_and_closes_from_the_thread_page()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");
        var number = await mario.OpenTicketAsync();
        var page = "/area-clienti/ticket/" + number;

        var replied = await PostMultipartAsync(mario, page, [("Input.Text", "Aggiungo lo screenshot dell'errore.")], [("errore.png", [137, 80, 78, 71])]);
        replied.Headers.Location!.ToString().ShouldEndWith("?fatto=risposta");
        var closed = await mario.PostFormAsync(page, [], page + "?handler=Close");
        closed.Headers.Location!.ToString().ShouldEndWith("?fatto=chiuso");

        var html = await (await mario.GetAsync(new Uri(page, UriKind.Relative))).Content.ReadAsStringAsync();
        html.ShouldContain("Aggiungo lo screenshot");
        html.ShouldContain("errore.png");
        html.ShouldContain("Riapri il ticket");
        html.ShouldNotContain("id=\"reply-form\"");
    }
}
