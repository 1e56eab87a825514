using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tunda.Mail;

/// <summary>
/// Writes each message as an RFC 5322 file <c>&lt;utc timestamp&gt;-&lt;message id hash&gt;.eml</c> into a folder, for
/// development or for an MTA that collects a pickup directory.
/// </summary>
public sealed class PickupFolderTransport(string folder, TimeProvider? clock = null) : IMailTransport
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The file name the message got; readers can rely on names sorting by time.</summary>
    public async Task<string> WriteAsync(OutgoingMessage message, CancellationToken ct)
    {
        message = MimeComposer.WithMessageId(message);
        var mime = MimeComposer.Compose(message);
        Directory.CreateDirectory(Folder);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId!)))[..16];
        var name = $"{_clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture)}-{hash}.eml";

        // A reader of the folder must never see half a message: write aside, then rename in one step.
        var temporary = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = File.Create(temporary))
            {
                await mime.WriteToAsync(MimeComposer.WireFormat, file, ct);
            }

            File.Move(temporary, Path.Combine(Folder, name), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return name;
    }

    public Task SendAsync(OutgoingMessage message, CancellationToken ct) => WriteAsync(message, ct);
}
