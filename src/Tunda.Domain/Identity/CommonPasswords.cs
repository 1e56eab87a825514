using System.Collections.Frozen;

namespace Tunda.Domain.Identity;

/// <summary>The list of common passwords shipped as an embedded resource (one a line, lower-case, '#' comments).</summary>
public static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static IReadOnlySet<string> Default => List.Value;

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Tunda.Domain.Identity.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing from Tunda.Domain.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word.ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
