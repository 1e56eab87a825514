using System.Net.Security;
using System.Text;

namespace Tunda.Testing;

/// <summary>A message as the server received it: the envelope and the unstuffed DATA bytes.</summary>
internal sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, byte[] Data, bool OverTls, string? AuthenticatedAs)
{
    /// <summary>When the server accepted the message (the end of DATA).</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    public string Text => Encoding.UTF8.GetString(Data);

    /// <summary>The header section, unfolded: one entry per field, "Name: value".</summary>
    public IReadOnlyList<string> HeaderLines => Text[..Math.Max(0, Text.IndexOf("\r\n\r\n", StringComparison.Ordinal))]
        .Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", "\t", StringComparison.Ordinal).Split("\r\n");

    public string? Header(string name) => HeaderLines
        .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        .Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();

    public string Body => Text[(Text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
}

/// <summary>One client's conversation with a <see cref="LoopbackSmtpServer"/>.</summary>
internal sealed class LoopbackSmtpSession(LoopbackSmtpServer server, Stream stream)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;
    private string? _authenticated;
    private string? _from;
    private readonly List<string> _recipients = [];

    public async Task RunAsync(CancellationToken ct)
    {
        await ReplyAsync("220 localhost ESMTP loopback", ct);
        while (await ReadLineAsync(ct) is { } bytes)
        {
            var line = Encoding.UTF8.GetString(bytes);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
            if (server.FailureFor(verb) is { } failure && verb != "DATA")
            {
                await ReplyAsync(failure, ct);
                continue;
            }

            switch (verb)
            {
                case "EHLO":
                    _from = null;
                    _recipients.Clear();
                    var extensions = new List<string> { "250-localhost greets " + argument, "250-8BITMIME" };
                    if (server.OfferStartTls && stream is not SslStream) extensions.Add("250-STARTTLS");
                    if (server.Username is not null) extensions.Add("250-AUTH " + server.AuthMechanisms);
                    extensions.Add("250 SIZE 52428800");
                    await ReplyAsync(string.Join("\r\n", extensions), ct);
                    break;
                case "HELO" or "NOOP":
                    await ReplyAsync("250 OK", ct);
                    break;
                case "STARTTLS" when server.OfferStartTls && stream is not SslStream:
                    await ReplyAsync("220 2.0.0 ready to start TLS", ct);
                    stream = await server.SecureAsync(stream);
                    (_start, _end, _authenticated, _from) = (0, 0, null, null);
                    _recipients.Clear();
                    break;
                case "AUTH" when server.Username is not null:
                    await AuthenticateAsync(argument, ct);
                    break;
                case "MAIL" when server.Username is not null && _authenticated is null:
                    await ReplyAsync("530 5.7.0 Authentication required", ct);
                    break;
                case "MAIL":
                    _from = Angle(argument);
                    _recipients.Clear();
                    await ReplyAsync("250 2.1.0 OK", ct);
                    break;
                case "RCPT" when _from is not null:
                    _recipients.Add(Angle(argument));
                    await ReplyAsync("250 2.1.5 OK", ct);
                    break;
                case "DATA" when _from is not null && _recipients.Count > 0:
                    await ReceiveDataAsync(ct);
                    break;
                case "RSET":
                    _from = null;
                    _recipients.Clear();
                    await ReplyAsync("250 2.0.0 OK", ct);
                    break;
                case "QUIT":
                    await ReplyAsync("221 2.0.0 bye", ct);
                    return;
                default:
                    await ReplyAsync("503 5.5.1 Bad sequence of commands or unknown command", ct);
                    break;
            }
        }
    }

    private async Task ReceiveDataAsync(CancellationToken ct)
    {
        await ReplyAsync("354 End data with <CR><LF>.<CR><LF>", ct);
        var data = new MemoryStream();
        while (await ReadLineAsync(ct) is { } line && !(line.Length == 1 && line[0] == '.'))
        {
            var unstuffed = line.Length > 0 && line[0] == '.' ? line.AsSpan(1) : line;
            data.Write(unstuffed);
            data.Write("\r\n"u8);
        }

        if (server.FailureFor("DATA") is { } failure)
        {
            await ReplyAsync(failure, ct);
        }
        else
        {
            server.Accept(new ReceivedMail(_from!, [.. _recipients], data.ToArray(), stream is SslStream, _authenticated));
            await ReplyAsync("250 2.0.0 OK queued", ct);
        }

        _from = null;
        _recipients.Clear();
    }

    private async Task AuthenticateAsync(string argument, CancellationToken ct)
    {
        var parts = argument.Split(' ', 2);
        string? user, password;
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var token = parts.Length > 1 ? parts[1] : await ChallengeAsync("", ct);
            var fields = Decode(token).Split('\0');
            (user, password) = fields.Length == 3 ? (fields[1], fields[2]) : (null, null);
        }
        else if (parts[0].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            user = Decode(await ChallengeAsync("Username:", ct));
            password = Decode(await ChallengeAsync("Password:", ct));
        }
        else
        {
            await ReplyAsync("504 5.5.4 Unrecognized authentication type", ct);
            return;
        }

        var ok = user == server.Username && password == server.Password;
        _authenticated = ok ? user : null;
        await ReplyAsync(ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid", ct);
    }

    private async Task<string> ChallengeAsync(string prompt, CancellationToken ct)
    {
        await ReplyAsync("334 " + Convert.ToBase64String(Encoding.UTF8.GetBytes(prompt)), ct);
        return Encoding.ASCII.GetString(await ReadLineAsync(ct) ?? []);
    }

    private static string Decode(string base64)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64)); }
        catch (FormatException) { return ""; }
    }

    private static string Angle(string argument)
    {
        var open = argument.IndexOf('<', StringComparison.Ordinal);
        var close = argument.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? argument[(open + 1)..close] : argument;
    }

    private async Task ReplyAsync(string reply, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"), ct);
        await stream.FlushAsync(ct);
    }

    /// <summary>One line without its CRLF, or null when the client hung up.</summary>
    private async Task<byte[]?> ReadLineAsync(CancellationToken ct)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start == _end)
            {
                (_start, _end) = (0, await stream.ReadAsync(_buffer, ct));
                if (_end == 0) return null;
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Write(_buffer, _start, stop - _start);
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                var bytes = line.ToArray();
                return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
            }
        }
    }
}
