using System.Security.Cryptography;
using NpgsqlTypes;
using Tunda.Domain;
using Tunda.Domain.Tickets;
using Tunda.Mail.Parsing;
using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Tickets;

/// <summary>A file as a customer or agent uploaded it, before it is checked and stored.</summary>
public sealed record AttachmentUpload(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Checks uploads against the limits (count, size, type), gives them safe unique names and stores
/// their bytes with their SHA-256 in the unit of work of the message that carries them.
/// </summary>
public sealed class TicketAttachments(HelpdeskOptions options)
{
    public static DomainError TooMany(int max) => new("ticket.attachments_too_many", $"At most {max} attachments per message.", "attachments") { Values = [max] };

    public static DomainError TooLarge(string name, long max) =>
        new("ticket.attachment_too_large", $"{name} is larger than {max / (1024 * 1024)} MB.", "attachments") { Values = [name, max / (1024 * 1024)] };

    public static DomainError TypeRefused(string name) => new("ticket.attachment_type", $"{name}: this type of file cannot be attached.", "attachments") { Values = [name] };

    public static DomainError Empty(string name) => new("ticket.attachment_empty", $"{name} is empty.", "attachments") { Values = [name] };

    /// <summary>Every limit the uploads break; empty when they may be stored.</summary>
    public IReadOnlyList<DomainError> Check(IReadOnlyList<AttachmentUpload> uploads)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var errors = new List<DomainError>();
        if (uploads.Count > options.MaxAttachments)
        {
            errors.Add(TooMany(options.MaxAttachments));
        }

        foreach (var upload in uploads)
        {
            var name = AttachmentNames.Sanitize(upload.FileName);
            if (upload.Content.Length == 0)
            {
                errors.Add(Empty(name));
            }
            else if (upload.Content.Length > options.MaxAttachmentBytes)
            {
                errors.Add(TooLarge(name, options.MaxAttachmentBytes));
            }
            else if (!options.AllowedExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
            {
                errors.Add(TypeRefused(name));
            }
        }

        return errors;
    }

    /// <summary>Stores the (already checked) uploads in the command's transaction and returns what the event records of them.</summary>
    public async Task<IReadOnlyList<TicketAttachment>> StoreAsync(CommandContext context, Guid ticketId, IReadOnlyList<AttachmentUpload> uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stored = new List<TicketAttachment>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var upload in uploads)
        {
            var attachment = new TicketAttachment(Guid.CreateVersion7(), UniqueName(names, upload.FileName), ContentTypeOf(upload), upload.Content.Length,
                Convert.ToHexStringLower(SHA256.HashData(upload.Content)));
            await using var insert = context.Command($"""
                INSERT INTO {context.Schema}.ticket_attachments (id, ticket_id, file_name, content_type, size, sha256, content)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """);
            insert.Parameters.Add(new() { Value = attachment.Id, NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new() { Value = ticketId, NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new() { Value = attachment.FileName, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = attachment.ContentType, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = attachment.Size, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = Convert.FromHexString(attachment.Sha256), NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.Add(new() { Value = upload.Content, NpgsqlDbType = NpgsqlDbType.Bytea });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            stored.Add(attachment);
        }

        return stored;
    }

    /// <summary>The bytes of <paramref name="attachment"/>, stored for <paramref name="ticketId"/>; null if they are not there.</summary>
    public static async Task<byte[]?> ReadAsync(Npgsql.NpgsqlDataSource dataSource, string schema, Guid ticketId, TicketAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(attachment);
        await using var read = dataSource.CreateCommand($"SELECT content FROM {schema}.ticket_attachments WHERE id = $1 AND ticket_id = $2");
        read.Parameters.Add(new() { Value = attachment.Id, NpgsqlDbType = NpgsqlDbType.Uuid });
        read.Parameters.Add(new() { Value = ticketId, NpgsqlDbType = NpgsqlDbType.Uuid });
        return await read.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    private static string UniqueName(HashSet<string> used, string fileName)
    {
        var safe = AttachmentNames.Sanitize(fileName) is { Length: > 0 } name ? name : "allegato.bin";
        var extension = Path.GetExtension(safe);
        var stem = safe[..^extension.Length];
        var candidate = safe;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{stem} ({n}){extension}";
        }

        return candidate;
    }

    /// <summary>The type is judged by the name's extension, never trusted from the client; downloads are served as attachments anyway.</summary>
    private static string ContentTypeOf(AttachmentUpload upload) =>
        new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider().TryGetContentType(AttachmentNames.Sanitize(upload.FileName), out var type) ? type : "application/octet-stream";
}
