using System.Globalization;
using System.Net.Security;
using System.Text;

namespace Tunda.Mail.Imap;

/// <summary>
/// Runs tagged commands: sends a command (waiting for "+" before each synchronising literal, or using
/// LITERAL+ when offered), collects the untagged responses, and turns NO/BAD into an <see cref="ImapException"/>.
/// </summary>
internal sealed class ImapConnection(Stream stream, ImapOptions options) : IAsyncDisposable
{
    private readonly ImapWire _wire = new(stream, options.Timeout);
    private int _tagCounter;

    private ImapResponseReader? _reader;

    private ImapResponseReader Reader => _reader ??= new(_wire, options.MaxLiteralBytes);

    public bool IsEncrypted => _wire.IsEncrypted;

    public bool NonSynchronizingLiterals { get; set; }

    public Task StartTlsAsync(string host, RemoteCertificateValidationCallback validation, CancellationToken ct) =>
        _wire.StartTlsAsync(host, validation, ct);

    public Task<ImapResponse> ReadResponseAsync(CancellationToken ct) => Reader.ReadAsync(ct);

    /// <summary>Runs the command; returns the untagged responses and the tagged OK.</summary>
    public async Task<ImapCompletion> ExecuteAsync(ImapCommand command, CancellationToken ct)
    {
        var tag = "T" + (++_tagCounter).ToString("D4", CultureInfo.InvariantCulture);
        var untagged = new List<ImapResponse>();
        var line = new StringBuilder(tag);
        foreach (var part in command.Parts)
        {
            if (part is string text)
            {
                line.Append(' ').Append(text);
                continue;
            }

            var literal = (ReadOnlyMemory<byte>)part;
            line.Append(" {").Append(literal.Length.ToString(CultureInfo.InvariantCulture)).Append(NonSynchronizingLiterals ? "+}" : "}").Append("\r\n");
            await _wire.WriteAsync(Encoding.UTF8.GetBytes(line.ToString()), ct);
            line.Clear();
            if (!NonSynchronizingLiterals)
            {
                var refusal = await WaitForContinuationAsync(tag, untagged, ct);
                if (refusal is not null)
                {
                    throw new ImapException(command.Name, refusal.Status ?? "BAD", refusal.Text);
                }
            }

            await _wire.WriteAsync(literal, ct);
        }

        line.Append("\r\n");
        await _wire.WriteAsync(Encoding.UTF8.GetBytes(line.ToString()), ct);
        return await ReadCompletionAsync(command.Name, tag, untagged, ct);
    }

    /// <summary>For AUTHENTICATE without SASL-IR: the command line, then one response line after the server's "+".</summary>
    public async Task<ImapCompletion> ExecuteWithContinuationAsync(ImapCommand command, string response, CancellationToken ct)
    {
        var tag = "T" + (++_tagCounter).ToString("D4", CultureInfo.InvariantCulture);
        var untagged = new List<ImapResponse>();
        await _wire.WriteAsync(Encoding.UTF8.GetBytes(tag + " " + string.Join(' ', command.Parts.Cast<string>()) + "\r\n"), ct);
        var refusal = await WaitForContinuationAsync(tag, untagged, ct);
        if (refusal is not null)
        {
            throw new ImapException(command.Name, refusal.Status ?? "BAD", refusal.Text);
        }

        await _wire.WriteAsync(Encoding.ASCII.GetBytes(response + "\r\n"), ct);
        return await ReadCompletionAsync(command.Name, tag, untagged, ct);
    }

    private async Task<ImapResponse?> WaitForContinuationAsync(string tag, List<ImapResponse> untagged, CancellationToken ct)
    {
        while (true)
        {
            var response = await Reader.ReadAsync(ct);
            if (response.IsContinuation)
            {
                return null;
            }

            if (response.Tag == tag)
            {
                return response;
            }

            untagged.Add(response);
        }
    }

    private async Task<ImapCompletion> ReadCompletionAsync(string name, string tag, List<ImapResponse> untagged, CancellationToken ct)
    {
        while (true)
        {
            var response = await ReadOrExplainByeAsync(name, untagged, ct);
            if (response.IsContinuation)
            {
                throw new ImapException($"The IMAP server asked for more data during {name}, which sends none.");
            }

            if (response.Tag != tag)
            {
                untagged.Add(response);
                continue;
            }

            if (response.Status != "OK")
            {
                throw new ImapException(name, response.Status ?? "BAD", response.Text);
            }

            return new ImapCompletion(untagged, response.Code, response.Text);
        }
    }

    /// <summary>A server that says BYE and hangs up (shutting down, idle too long) is reported with its own words.</summary>
    private async Task<ImapResponse> ReadOrExplainByeAsync(string name, List<ImapResponse> untagged, CancellationToken ct)
    {
        try
        {
            return await Reader.ReadAsync(ct);
        }
        catch (ImapException e) when (name != "LOGOUT" && untagged.LastOrDefault(r => r.Status == "BYE") is { } bye)
        {
            throw new ImapException($"The IMAP server ended the session during {name}: {bye.Text}", e);
        }
    }

    public ValueTask DisposeAsync() => _wire.DisposeAsync();
}

internal sealed record ImapCompletion(IReadOnlyList<ImapResponse> Untagged, string? Code, string Text);
