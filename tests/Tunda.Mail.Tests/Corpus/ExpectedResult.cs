using System.Globalization;
using System.Text.Json;
using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Corpus;

/// <summary>
/// The outcome written beside a corpus message (see Messages/README.md). Every field present is checked,
/// absent ones are not; all mismatches are reported at once so one run shows everything a message gets wrong.
/// </summary>
internal sealed class ExpectedResult(JsonElement root)
{
    private static readonly HashSet<string> KnownFields =
    [
        "subject", "from", "fromDisplayName", "ambiguousAuthor", "textStartsWith", "textContains", "textNotContains",
        "htmlContains", "htmlNotContains", "attachments", "kind", "quarantined", "messageId", "dateFromHeader", "date",
        "dsn", "authentication", "strippedReplyStartsWith", "strippedReplyContains", "strippedReplyNotContains",
    ];

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ExpectedResult FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new ExpectedResult(document.RootElement.Clone());
    }

    public bool Has(string field) => root.TryGetProperty(field, out _);

    /// <param name="quickMessageId">What <see cref="MimeParser.ReadMessageId"/> read from the same bytes: intake deduplicates on it, so it must agree.</param>
    public IReadOnlyList<string> Mismatches(ParsedMessage message, MailClassification classification, string strippedReply, string? quickMessageId)
    {
        var found = new List<string>();
        found.AddRange(root.EnumerateObject().Where(p => !KnownFields.Contains(p.Name)).Select(p => $"unknown field \"{p.Name}\" in the expected file"));
        Same(found, "subject", String("subject"), message.Subject);
        Same(found, "from", Strings("from"), message.From.Select(m => m.Address));
        Same(found, "fromDisplayName", String("fromDisplayName"), message.From.FirstOrDefault()?.DisplayName);
        Same(found, "ambiguousAuthor", Bool("ambiguousAuthor"), message.HasAmbiguousAuthor);
        StartsWith(found, "textStartsWith", String("textStartsWith"), message.TextBody);
        Contains(found, "textContains", String("textContains"), message.TextBody, expected: true);
        Contains(found, "textNotContains", String("textNotContains"), message.TextBody, expected: false);
        Contains(found, "htmlContains", String("htmlContains"), message.HtmlBody, expected: true);
        Contains(found, "htmlNotContains", String("htmlNotContains"), message.HtmlBody, expected: false);
        Same(found, "attachments", Attachments(), message.Attachments.Select(a => Describe(a.FileName, a.Size, a.IsInline)));
        Same(found, "kind", String("kind"), classification.Kind.ToString());
        Same(found, "quarantined", Bool("quarantined"), message.QuarantineReason is not null);
        Same(found, "messageId", String("messageId"), message.MessageId);
        Same(found, "messageId (ReadMessageId)", String("messageId"), quickMessageId);
        Same(found, "dateFromHeader", Bool("dateFromHeader"), message.DateFromHeader);
        Same(found, "date", Date(), message.Date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        CheckDeliveryReport(found, classification.DeliveryReport);
        CheckAuthentication(found, classification.Authentication);
        StartsWith(found, "strippedReplyStartsWith", String("strippedReplyStartsWith"), strippedReply);
        Contains(found, "strippedReplyContains", String("strippedReplyContains"), strippedReply, expected: true);
        Contains(found, "strippedReplyNotContains", String("strippedReplyNotContains"), strippedReply, expected: false);
        return found;
    }

    private void CheckDeliveryReport(List<string> found, DeliveryReport? report)
    {
        if (!root.TryGetProperty("dsn", out var dsn))
        {
            return;
        }

        if (report is null)
        {
            found.Add("dsn: expected a delivery report, got none");
            return;
        }

        if (dsn.TryGetProperty("originalMessageId", out var original))
        {
            Same(found, "dsn.originalMessageId", (original.GetString(), true), report.OriginalMessageId);
        }

        if (dsn.TryGetProperty("recipients", out var recipients))
        {
            var expected = recipients.EnumerateArray().Select(r => $"{r.GetProperty("recipient").GetString()} {r.GetProperty("action").GetString()} {r.GetProperty("status").GetString()}");
            Same(found, "dsn.recipients", (expected.ToList(), true), report.Recipients.Select(r => $"{r.Recipient} {r.Action} {r.Status}"));
        }
    }

    private void CheckAuthentication(List<string> found, AuthenticationVerdicts? actual)
    {
        if (!root.TryGetProperty("authentication", out var expected))
        {
            return;
        }

        if (expected.ValueKind == JsonValueKind.Null || actual is null)
        {
            Same(found, "authentication", (expected.ValueKind == JsonValueKind.Null ? "null" : expected.GetRawText(), true), actual is null ? "null" : actual.ToString());
            return;
        }

        foreach (var (name, value) in new[] { ("spf", actual.Spf), ("dkim", actual.Dkim), ("dmarc", actual.Dmarc) })
        {
            if (expected.TryGetProperty(name, out var verdict))
            {
                Same(found, $"authentication.{name}", (verdict.GetString(), true), value?.ToLowerInvariant());
            }
        }
    }

    private (string? Value, bool Present) String(string field) =>
        root.TryGetProperty(field, out var value) ? (value.ValueKind == JsonValueKind.Null ? null : value.GetString(), true) : (null, false);

    private (bool Value, bool Present) Bool(string field) =>
        root.TryGetProperty(field, out var value) ? (value.GetBoolean(), true) : (false, false);

    private (List<string> Value, bool Present) Strings(string field) =>
        root.TryGetProperty(field, out var value) ? (value.EnumerateArray().Select(v => v.GetString() ?? "").ToList(), true) : ([], false);

    private (List<string> Value, bool Present) Attachments() =>
        root.TryGetProperty("attachments", out var value)
            ? (value.EnumerateArray().Select(a => Describe(a.GetProperty("name").GetString() ?? "", a.GetProperty("size").GetInt64(), a.TryGetProperty("inline", out var inline) && inline.GetBoolean())).ToList(), true)
            : ([], false);

    private (string? Value, bool Present) Date()
    {
        var (text, present) = String("date");
        return present && text is not null
            ? (DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), true)
            : (text, present);
    }

    private static string Describe(string name, long size, bool inline) => $"\"{name}\" {size} bytes{(inline ? " inline" : "")}";

    private static void Same<T>(List<string> found, string field, (T Value, bool Present) expected, T actual)
    {
        if (expected.Present && !EqualityComparer<T>.Default.Equals(expected.Value, actual))
        {
            found.Add($"{field}: expected {Show(expected.Value)}, got {Show(actual)}");
        }
    }

    private static void Same(List<string> found, string field, (List<string> Value, bool Present) expected, IEnumerable<string> actual)
    {
        var actualList = actual.ToList();
        if (expected.Present && !expected.Value.SequenceEqual(actualList))
        {
            found.Add($"{field}: expected [{string.Join(", ", expected.Value.Select(Show))}], got [{string.Join(", ", actualList.Select(Show))}]");
        }
    }

    private static void StartsWith(List<string> found, string field, (string? Value, bool Present) expected, string actual)
    {
        if (expected.Present && !Lines(actual).TrimStart().StartsWith(Lines(expected.Value ?? ""), StringComparison.Ordinal))
        {
            found.Add($"{field}: expected to start with {Show(expected.Value)}, got {Show(Lines(actual).TrimStart()[..Math.Min(300, Lines(actual).TrimStart().Length)])}");
        }
    }

    private static void Contains(List<string> found, string field, (string? Value, bool Present) wanted, string? actual, bool expected)
    {
        var text = Lines(actual ?? "");
        if (wanted.Present && text.Contains(Lines(wanted.Value ?? ""), StringComparison.Ordinal) != expected)
        {
            found.Add($"{field}: {Show(wanted.Value)} {(expected ? "missing from" : "found in")} {Show(text[..Math.Min(300, text.Length)])}");
        }
    }

    /// <summary>Line breaks are compared as \n: how the parser ends lines in text is not what the corpus is about.</summary>
    private static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s, Readable),
        _ => value.ToString() ?? "null",
    };
}
