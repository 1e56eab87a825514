using System.Text;
using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests.Imap;

public sealed class ImapResponseReaderTests
{
    private static async Task<List<ImapResponse>> ReadAllAsync(string wire, int chunk = 3, long maxLiteral = 1000)
    {
        var reader = new ImapResponseReader(new ImapWire(new ChunkedStream(Encoding.UTF8.GetBytes(wire), chunk), TimeSpan.FromSeconds(5)), maxLiteral);
        var responses = new List<ImapResponse>();
        while (true)
        {
            try
            {
                responses.Add(await reader.ReadAsync(CancellationToken.None));
            }
            catch (ImapException e) when (e.Message.Contains("closed", StringComparison.Ordinal))
            {
                return responses;
            }
        }
    }

    [Fact]
    public async Task fetch_data_with_literals_nil_and_nested_lists_is_read_item_by_item()
    {
        var responses = await ReadAllAsync(
            "* 12 FETCH (UID 7 FLAGS (\\Seen $TundaImported) BODY[HEADER.FIELDS (FROM TO)] {13}\r\nFrom: a\r\n(x)\r BODY[] NIL X-GM \"a \\\"b\\\" \\\\c\" ((1 2) (NIL \"x\")))\r\n");

        var fetch = responses.Single();
        fetch.Is("FETCH").ShouldBeTrue();
        fetch.Number.ShouldBe(12);
        var items = fetch.Tokens[2].Items;
        items.Select(i => i.Kind == ImapTokenKind.Atom ? i.Text : i.Kind.ToString()).ShouldBe(
            ["UID", "7", "FLAGS", "List", "BODY[HEADER.FIELDS (FROM TO)]", "String", "BODY[]", "Nil", "X-GM", "String", "List"]);
        items[3].Items.Select(f => f.Text).ShouldBe(["\\Seen", "$TundaImported"]);
        Encoding.ASCII.GetString(items[5].Bytes!).ShouldBe("From: a\r\n(x)\r");
        items[9].Text.ShouldBe("a \"b\" \\c");
        items[10].Items[1].Items[0].Kind.ShouldBe(ImapTokenKind.Nil);
    }

    [Fact]
    public async Task status_responses_keep_their_code_and_free_text_even_with_unbalanced_characters()
    {
        var responses = await ReadAllAsync("* OK [UIDVALIDITY 3857529045] UIDs valid (\"\r\nT0001 NO [TRYCREATE] No such mailbox {5}\r\n+ Ready\r\n");

        responses[0].Status.ShouldBe("OK");
        responses[0].Code.ShouldBe("UIDVALIDITY 3857529045");
        responses[0].Text.ShouldBe("UIDs valid (\"");
        (responses[1].Tag, responses[1].Status, responses[1].Code, responses[1].Text).ShouldBe(("T0001", "NO", "TRYCREATE", "No such mailbox {5}"));
        responses[2].IsContinuation.ShouldBeTrue();
    }

    [Fact]
    public async Task a_literal_larger_than_allowed_is_refused_before_it_is_read()
    {
        var error = await Should.ThrowAsync<ImapException>(() => ReadAllAsync("* 1 FETCH (BODY[] {99999999}\r\n", maxLiteral: 1000));

        error.Message.ShouldContain("99999999");
    }

    [Fact]
    public async Task lists_nested_beyond_reason_are_refused()
    {
        var error = await Should.ThrowAsync<ImapException>(() => ReadAllAsync("* 1 FETCH " + new string('(', 500) + "\r\n"));

        error.Message.ShouldContain("nested");
    }

    /// <summary>Hands out a few bytes per read, as a slow network would, so every token crosses read boundaries.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
