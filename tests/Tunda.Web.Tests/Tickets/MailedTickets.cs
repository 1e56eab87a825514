using System.Text;
using Marten;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Inbound;
using Tunda.Web.Tests.Accounts;

namespace Tunda.Web.Tests.Tickets;

/// <summary>Mail written as clients write it, delivered to the intake as our MTA would, and the tickets it became.</summary>
internal static class MailedTickets
{
    public const string Assistenza = "assistenza@tunda.localhost";

    public static byte[] Written(string from, string subject, string body, string to = Assistenza, string? messageId = null, string? inReplyTo = null,
        IEnumerable<string>? extraHeaders = null) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", new[]
        {
            $"From: {from}",
            $"To: {to}",
            $"Subject: {subject}",
            "Date: Tue, 08 Dec 2026 09:00:00 +0100",
            $"Message-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@mail.example.it"}>",
        }.Concat(inReplyTo is null ? [] : [$"In-Reply-To: <{inReplyTo}>", $"References: <{inReplyTo}>"])
         .Concat(extraHeaders ?? [])
         .Concat(["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", body, ""])));

    /// <summary>Delivers <paramref name="raw"/> through the intake and waits for everything it caused (processing, routing, mails out).</summary>
    public static Task<InboundReceipt> DeliverAsync(this AccountsApp app, byte[] raw) =>
        app.AfterMessagesAsync(() => app.Get<IInboundMailIntake>().StoreAsync(raw, InboundChannel.Http, "test", CancellationToken.None));

    public static async Task<IReadOnlyList<TicketThread>> ThreadsAsync(this AccountsApp app)
    {
        await using var session = app.Get<IDocumentStore>().QuerySession();
        return [.. (await session.Query<TicketThread>().ToListAsync()).OrderBy(t => t.State.OpenedAt)];
    }
}
