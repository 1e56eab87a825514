namespace Tunda.Mail.Tests.Corpus;

/// <summary>The hand-written messages under Messages/ (copied beside the test assembly), each with its expected result.</summary>
internal static class CorpusFolder
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Messages");

    /// <summary>Every message's name (file name without .eml), sorted so runs and fuzz seeds are stable.</summary>
    public static IReadOnlyList<string> MessageNames() =>
        Directory.EnumerateFiles(Path, "*.eml", SearchOption.AllDirectories)
            .Select(file => System.IO.Path.GetRelativePath(Path, file)[..^".eml".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static byte[] ReadMessage(string name) => File.ReadAllBytes(System.IO.Path.Combine(Path, name + ".eml"));

    public static string ExpectedPath(string name) => System.IO.Path.Combine(Path, name + ".expected.json");

    public static ExpectedResult ReadExpected(string name) => ExpectedResult.FromJson(File.ReadAllText(ExpectedPath(name)));
}
