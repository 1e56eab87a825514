using MailKit;
using MailKit.Net.Imap;

namespace Tunda.Mail.Imap;

/// <summary>
/// The folders of a mailbox as LIST reports them (with their special-use attributes), and the rules for
/// which folder may be read as incoming mail.
/// </summary>
public sealed class ImapFolders
{
    /// <summary>For servers without SPECIAL-USE: the names clients give the Sent folder (English and Italian).</summary>
    private static readonly HashSet<string> CommonSentNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Sent", "Sent Items", "Sent Messages", "Sent Mail", "Posta inviata", "Inviati", "Elementi inviati", "Messaggi inviati",
    };

    private readonly ImapClient _client;
    private readonly List<IMailFolder> _all;

    private ImapFolders(ImapClient client, List<IMailFolder> all)
    {
        _client = client;
        _all = all;
    }

    public IReadOnlyList<IMailFolder> All => _all;

    public static async Task<ImapFolders> ListAsync(ImapClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var folders = (await client.GetFoldersAsync(client.PersonalNamespaces[0], cancellationToken: ct)).ToList();

        // Where the personal namespace is "INBOX." (Cyrus, Courier), listing it does not return INBOX itself.
        if (client.Inbox is { } inbox && !folders.Contains(inbox))
        {
            folders.Add(inbox);
        }

        return new ImapFolders(client, folders);
    }

    /// <summary>
    /// The folder to read incoming mail from. It must exist and must not be the Sent folder: what we sent
    /// is never read back as incoming mail. Without any folder marked \Sent, a folder named like one is refused.
    /// </summary>
    public IMailFolder Incoming(string path)
    {
        var folder = Find(path) ?? throw new FolderNotFoundException($"The IMAP folder '{path}' does not exist.", path);
        if (IsSent(folder) || (!_all.Any(IsSent) && CommonSentNames.Contains(folder.Name)))
        {
            throw new InvalidOperationException($"The IMAP folder '{path}' is the Sent folder (\\Sent), which is never read.");
        }

        return folder;
    }

    /// <summary>The folder at <paramref name="path"/>, created (with any missing parent) when it does not exist.</summary>
    public async Task<IMailFolder> GetOrCreateAsync(string path, CancellationToken ct)
    {
        if (Find(path) is { } existing)
        {
            return existing;
        }

        var parent = _client.GetFolder(_client.PersonalNamespaces[0]);
        var separator = _client.PersonalNamespaces[0].DirectorySeparator;
        var names = separator == '\0' ? [path] : path.Split(separator);
        for (var i = 0; i < names.Length; i++)
        {
            var soFar = string.Join(separator, names[..(i + 1)]);
            parent = Find(soFar) ?? await CreateAsync(parent, names[i], i == names.Length - 1, ct);
        }

        return parent;
    }

    private async Task<IMailFolder> CreateAsync(IMailFolder parent, string name, bool isMessageFolder, CancellationToken ct)
    {
        var created = await parent.CreateAsync(name, isMessageFolder, ct)
            ?? throw new FolderNotFoundException($"The IMAP server did not list the folder '{name}' it was asked to create.", name);
        _all.Add(created);
        return created;
    }

    private IMailFolder? Find(string path) => _all.FirstOrDefault(f => SamePath(f.FullName, path));

    private static bool IsSent(IMailFolder folder) => folder.Attributes.HasFlag(FolderAttributes.Sent);

    /// <summary>INBOX is case-insensitive (RFC 3501 5.1); every other name is compared exactly.</summary>
    private static bool SamePath(string a, string b) =>
        a.Equals(b, a.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
