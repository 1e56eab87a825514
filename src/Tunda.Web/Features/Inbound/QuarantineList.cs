using Npgsql;
using NpgsqlTypes;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Inbound;

/// <summary>A message kept but not processed, as staff see it in the quarantine.</summary>
public sealed record QuarantinedMail(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string Channel,
    string Source,
    long Size,
    string? Reason,
    string? FromAddress,
    string? Subject,
    int DuplicatesSeen);

/// <summary>The quarantine list and any stored message's raw bytes, read from the intake's table.</summary>
public sealed class QuarantineList(NpgsqlDataSource dataSource, DatabaseOptions database)
{
    public const int PageSize = 200;

    /// <summary>The newest quarantined messages first.</summary>
    public async Task<IReadOnlyList<QuarantinedMail>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id, received_at, channel, source, size, quarantine_reason, from_address, subject, duplicates_seen
            FROM {database.Schema}.inbound_mail WHERE status = 'quarantined' ORDER BY received_at DESC, id DESC LIMIT {PageSize}
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<QuarantinedMail>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new QuarantinedMail(
                reader.GetGuid(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt32(8)));
        }

        return list;
    }

    /// <summary>The bytes exactly as received, or null when no message has that id.</summary>
    public async Task<byte[]?> RawAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT raw FROM {database.Schema}.inbound_mail WHERE id = $1");
        command.Parameters.Add(new() { Value = id, NpgsqlDbType = NpgsqlDbType.Uuid });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>The download's file name: the id and the .eml extension every mail program opens.</summary>
    public static string FileName(Guid id) => $"{id}.eml";
}
