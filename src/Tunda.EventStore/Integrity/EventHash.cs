using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Tunda.EventStore.Integrity;

/// <summary>
/// The per-stream hash chain: hash(n) = SHA-256(hash(n-1) || canonical bytes of event n). The
/// global sequence number is left out on purpose, so a store copied or renumbered keeps its chain.
/// </summary>
internal static class EventHash
{
    public static byte[] Compute(
        ReadOnlySpan<byte> previousHash,
        Guid eventId,
        Guid streamId,
        long version,
        string type,
        int schemaVersion,
        DateTimeOffset timestamp,
        ReadOnlySpan<byte> canonicalData,
        ReadOnlySpan<byte> canonicalMetadata)
    {
        var buffer = new ArrayBufferWriter<byte>(previousHash.Length + canonicalData.Length + canonicalMetadata.Length + 160);
        buffer.Write(previousHash);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(eventId);
            writer.WriteStringValue(streamId);
            writer.WriteNumberValue(version);
            writer.WriteStringValue(type);
            writer.WriteNumberValue(schemaVersion);
            writer.WriteNumberValue(ToUnixMicroseconds(timestamp));
            writer.WriteRawValue(canonicalData, skipInputValidation: true);
            writer.WriteRawValue(canonicalMetadata, skipInputValidation: true);
            writer.WriteEndArray();
        }

        return SHA256.HashData(buffer.WrittenSpan);
    }

    // PostgreSQL keeps microseconds; anything finer would not survive the round trip.
    public static long ToUnixMicroseconds(DateTimeOffset timestamp) =>
        (timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
