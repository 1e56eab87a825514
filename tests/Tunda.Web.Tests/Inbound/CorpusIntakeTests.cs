using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Persistence.Durability;

namespace Tunda.Web.Tests.Inbound;

/// <summary>The team's .eml corpus (tests/Tunda.Mail.Tests/Messages) through the HTTP intake and the worker.</summary>
public sealed class CorpusIntakeTests
{
    [Fact]
    public async Task every_corpus_message_is_stored_and_ends_processed_or_quarantined_with_one_event_and_no_dead_letter()
    {
        var files = Directory.GetFiles(CorpusFolder(), "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        files.Count.ShouldBeGreaterThan(60);
        await using var app = await InboundApp.StartAsync();

        foreach (var file in files)
        {
            var answer = await app.PostAsync(await File.ReadAllBytesAsync(file));
            answer.StatusCode.ShouldBeOneOf(HttpStatusCode.Accepted, HttpStatusCode.UnprocessableEntity);
        }

        await app.ProcessedAsync();
        var rows = await app.RowsAsync();
        (rows.Count + rows.Sum(r => r.DuplicatesSeen)).ShouldBe(files.Count);
        rows.ShouldAllBe(r => r.Status == "processed" || r.Status == "quarantined");
        (await app.EventCountAsync("inbound_mail_received") + await app.EventCountAsync("inbound_mail_quarantined")).ShouldBe(rows.Count);
        (await app.Services.GetRequiredService<IMessageStore>().Admin.FetchCountsAsync()).DeadLetter.ShouldBe(0);
    }

    private static string CorpusFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tunda.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Tunda.sln not found above the test binaries"), "tests", "Tunda.Mail.Tests", "Messages");
    }
}
