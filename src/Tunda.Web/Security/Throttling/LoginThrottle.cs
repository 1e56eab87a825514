using System.Net;
using Dapper;
using Microsoft.Extensions.Options;

namespace Tunda.Web.Security.Throttling;

/// <summary>
/// Counts failed sign-ins in PostgreSQL (so every process sees the same counts) and says how long the
/// next attempt must wait. The rules and numbers are on <see cref="ThrottleOptions"/>.
/// </summary>
public sealed class LoginThrottle(SecurityDatabase database, IOptions<SecurityOptions> options, TimeProvider time)
{
    private readonly string _table = $"{database.Schema}.login_failures";
    private readonly ThrottleOptions _rules = options.Value.Throttle;

    /// <summary>How long to wait before trying again; null when an attempt may be made now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string emailKey, IPAddress? ip, string? deviceNonce, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<FailureCounts>(new CommandDefinition(
            $"""
            SELECT count(*) FILTER (WHERE email = @email AND ip = @ip) AS PairFailures,
                   max(failed_at) FILTER (WHERE email = @email AND ip = @ip) AS PairLast,
                   count(*) FILTER (WHERE ip = @ip) AS IpFailures,
                   max(failed_at) FILTER (WHERE ip = @ip) AS IpLast,
                   count(*) FILTER (WHERE email = @email) AS EmailFailures,
                   min(failed_at) FILTER (WHERE email = @email) AS EmailOldest,
                   count(*) FILTER (WHERE device = @device) AS DeviceFailures
            FROM {_table}
            WHERE failed_at > @since AND (email = @email OR ip = @ip)
            """,
            new { email = emailKey, ip = IpKey(ip), device = deviceNonce, since = now - _rules.Window }, cancellationToken: cancellationToken));

        var waits = new List<DateTimeOffset>
        {
            Backoff(counts.PairFailures, _rules.FreeFailuresPerEmailAndIp, counts.PairLast),
            Backoff(counts.IpFailures, _rules.FreeFailuresPerIp, counts.IpLast),
        };
        var exempt = deviceNonce is not null && counts.DeviceFailures < _rules.FailuresPerDevice;
        if (!exempt && counts.EmailFailures >= _rules.FailuresPerEmail && counts.EmailOldest is { } oldest)
        {
            waits.Add(Utc(oldest) + _rules.Window);
        }

        var until = waits.Max();
        return until > now ? until - now : null;
    }

    public async Task RecordFailureAsync(string emailKey, IPAddress? ip, string? deviceNonce, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {_table} (email, ip, device, failed_at) VALUES (@email, @ip, @device, @now)",
            new { email = emailKey, ip = IpKey(ip), device = deviceNonce, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>A success forgives this browser's own mistakes; other IPs' failures on the e-mail still count.</summary>
    public async Task ResetAsync(string emailKey, IPAddress? ip, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {_table} WHERE email = @email AND ip = @ip", new { email = emailKey, ip = IpKey(ip) }, cancellationToken: cancellationToken));
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {_table} WHERE failed_at <= @since", new { since = time.GetUtcNow() - _rules.Window }, cancellationToken: cancellationToken));
    }

    /// <summary>Failures beyond the free ones wait 1 s, 2 s, 4 s ... after the last failure, up to the cap.</summary>
    private DateTimeOffset Backoff(long failures, int free, DateTime? last)
    {
        if (failures < free || last is null)
        {
            return DateTimeOffset.MinValue;
        }

        var seconds = Math.Min(Math.Pow(2, Math.Min(failures - free, 30)), _rules.MaxDelay.TotalSeconds);
        return Utc(last.Value) + TimeSpan.FromSeconds(seconds);
    }

    private static string IpKey(IPAddress? ip) => ip?.MapToIPv4IfMapped().ToString() ?? "unknown";

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class FailureCounts
    {
        public long PairFailures { get; init; }
        public DateTime? PairLast { get; init; }
        public long IpFailures { get; init; }
        public DateTime? IpLast { get; init; }
        public long EmailFailures { get; init; }
        public DateTime? EmailOldest { get; init; }
        public long DeviceFailures { get; init; }
    }
}

internal static class IpAddressExtensions
{
    public static IPAddress MapToIPv4IfMapped(this IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
