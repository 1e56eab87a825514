using System.Text.RegularExpressions;

namespace Tunda.Web.Features.Email;

/// <summary>A template that does not exist, is malformed, or needs a value the caller did not give.</summary>
public sealed class MailTemplateException(string message) : Exception(message);

public sealed record RenderedMail(string Subject, string Body);

/// <summary>
/// Mail templates in files <c>&lt;name&gt;.&lt;lang&gt;.txt</c>: the first line "Subject: ...", a blank
/// line, then the body, with <c>{{key}}</c> placeholders filled with plain text.
/// </summary>
public sealed partial class MailTemplates(string folder)
{
    public const string DefaultLanguage = "it";

    public string Folder { get; } = folder;

    public RenderedMail Render(string name, string language, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var (subject, body) = Load(name, language);
        return new RenderedMail(Fill(subject, values, name).Trim(), Fill(body, values, name));
    }

    /// <summary>The language actually used: the one asked for if that file exists ("en-GB" counts as "en"), else Italian.</summary>
    public string LanguageFor(string name, string? language)
    {
        CheckName(name);
        var asked = (language ?? "").Split('-', '_')[0].ToLowerInvariant();
        return asked.Length > 0 && asked.All(char.IsAsciiLetterLower) && File.Exists(PathOf(name, asked)) ? asked : DefaultLanguage;
    }

    private (string Subject, string Body) Load(string name, string language)
    {
        var path = PathOf(name, LanguageFor(name, language));
        if (!File.Exists(path))
        {
            throw new MailTemplateException($"There is no mail template '{name}' ({path} is missing).");
        }

        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var firstBreak = text.IndexOf('\n', StringComparison.Ordinal);
        if (!text.StartsWith("Subject:", StringComparison.Ordinal) || firstBreak < 0 || !text[(firstBreak + 1)..].StartsWith('\n'))
        {
            throw new MailTemplateException($"The mail template {path} must start with a 'Subject: ...' line followed by a blank line.");
        }

        return (text["Subject:".Length..firstBreak], text[(firstBreak + 2)..]);
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> values, string name) =>
        Placeholder().Replace(text, match =>
            values.TryGetValue(match.Groups[1].Value, out var value)
                ? value
                : throw new MailTemplateException($"The mail template '{name}' needs a value for {{{{{match.Groups[1].Value}}}}}, which was not given."));

    private string PathOf(string name, string language) => Path.Combine(Folder, $"{name}.{language}.txt");

    /// <summary>Names come from code, but they become file paths: only lowercase words and hyphens.</summary>
    private static void CheckName(string name)
    {
        if (!TemplateName().IsMatch(name ?? ""))
        {
            throw new MailTemplateException($"'{name}' is not a mail template name (lowercase letters, digits and hyphens).");
        }
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex TemplateName();
}
