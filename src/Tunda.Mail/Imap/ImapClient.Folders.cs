namespace Tunda.Mail.Imap;

public sealed partial class ImapClient
{
    /// <summary>Every folder, with its special-use attributes when the server supports them.</summary>
    public async Task<IReadOnlyList<ImapFolder>> ListFoldersAsync(CancellationToken ct)
    {
        var command = ImapCommand.Of("LIST").String("").String("*");
        if (Has("SPECIAL-USE") && Has("LIST-EXTENDED"))
        {
            command.Text("RETURN (SPECIAL-USE)");
        }

        var completion = await _connection.ExecuteAsync(command, ct);
        return [.. completion.Untagged.Where(r => r.Is("LIST") && r.Tokens.Count >= 4).Select(r => new ImapFolder(
            ImapFolderName.Decode(r.Tokens[3].Text),
            r.Tokens[2].Kind == ImapTokenKind.Nil ? null : r.Tokens[2].Text,
            [.. r.Tokens[1].Items.Select(t => t.Text)]))];
    }

    public async Task<ImapSelectedFolder> SelectAsync(string folder, CancellationToken ct)
    {
        var completion = await _connection.ExecuteAsync(ImapCommand.Of("SELECT").String(ImapFolderName.Encode(folder)), ct);
        long uidValidity = 0, uidNext = 0, exists = 0;
        var keywords = false;
        foreach (var response in completion.Untagged)
        {
            if (response.Is("EXISTS"))
            {
                exists = response.Number;
            }

            var code = response.Code ?? "";
            uidValidity = CodeNumber(code, "UIDVALIDITY") ?? uidValidity;
            uidNext = CodeNumber(code, "UIDNEXT") ?? uidNext;
            keywords |= code.StartsWith("PERMANENTFLAGS", StringComparison.OrdinalIgnoreCase) && code.Contains("\\*", StringComparison.Ordinal);
        }

        if (uidValidity == 0)
        {
            throw new ImapException($"The IMAP server did not report a UIDVALIDITY for {folder}; its UIDs cannot be tracked.");
        }

        return new ImapSelectedFolder(folder, uidValidity, uidNext, exists, keywords);
    }

    private static long? CodeNumber(string code, string name) =>
        code.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase)
        && long.TryParse(code.AsSpan(name.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    public async Task CreateFolderAsync(string folder, CancellationToken ct) =>
        await _connection.ExecuteAsync(ImapCommand.Of("CREATE").String(ImapFolderName.Encode(folder)), ct);

    public async Task DeleteFolderAsync(string folder, CancellationToken ct) =>
        await _connection.ExecuteAsync(ImapCommand.Of("DELETE").String(ImapFolderName.Encode(folder)), ct);
}
