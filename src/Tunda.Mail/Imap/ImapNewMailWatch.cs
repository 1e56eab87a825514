using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;

namespace Tunda.Mail.Imap;

/// <summary>
/// Waits on a connection kept open until new messages arrive in one folder, with IDLE (RFC 2177): the server
/// announces them as they come instead of the client asking every few minutes. IDLE is re-issued every
/// refresh period, because servers end an IDLE after about 29 minutes and routers forget a silent connection.
/// </summary>
public sealed class ImapNewMailWatch : IDisposable
{
    /// <summary>After a shutdown request, how long the server has to acknowledge DONE before the wait gives up.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(1);

    private readonly ImapClient _client;
    private readonly IMailFolder _folder;
    private readonly Lock _gate = new();
    private int _lastCount;
    private bool _arrived;
    private CancellationTokenSource? _idle;

    public ImapNewMailWatch(ImapClient client, IMailFolder folder)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(folder);
        if (!IsSupported(client))
        {
            throw new NotSupportedException("The IMAP server does not announce IDLE; poll it instead.");
        }

        _client = client;
        _folder = folder;
        _lastCount = folder.Count;
        folder.CountChanged += OnCountChanged;
    }

    public static bool IsSupported(ImapClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Capabilities.HasFlag(ImapCapabilities.Idle);
    }

    /// <summary>Forgets the messages announced so far: call it before the folder is searched, which finds them all.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _arrived = false;
        }
    }

    /// <summary>
    /// True as soon as a message arrives (or one arrived since <see cref="Reset"/>); false once
    /// <paramref name="duration"/> has passed without one. Throws when the connection breaks.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan duration, TimeSpan refresh, CancellationToken ct)
    {
        if (!_folder.IsOpen)
        {
            await _folder.OpenAsync(FolderAccess.ReadOnly, ct);
        }

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var left = duration - Stopwatch.GetElapsedTime(started);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            lock (_gate)
            {
                if (_arrived || left <= TimeSpan.Zero)
                {
                    return _arrived;
                }

                _idle = done;
            }

            try
            {
                done.CancelAfter(left < refresh ? left : refresh);
                await IdleAsync(done, ct);
            }
            finally
            {
                lock (_gate)
                {
                    _idle = null;
                }
            }
        }
    }

    /// <summary>
    /// Ending IDLE sends DONE; MailKit then waits for the server's answer with no read timeout, so a
    /// connection that died silently would hang here: the answer gets the client's timeout, or a second at shutdown.
    /// </summary>
    private async Task IdleAsync(CancellationTokenSource done, CancellationToken ct)
    {
        using var abort = new CancellationTokenSource();
        using var answerDeadline = done.Token.Register(() => abort.CancelAfter(ct.IsCancellationRequested ? ShutdownGrace : TimeSpan.FromMilliseconds(_client.Timeout)));
        await _client.IdleAsync(done.Token, abort.Token);
    }

    /// <summary>Counts fall when messages are moved away; only a rise means new mail.</summary>
    private void OnCountChanged(object? sender, EventArgs e)
    {
        lock (_gate)
        {
            var grew = _folder.Count > _lastCount;
            _lastCount = _folder.Count;
            if (grew)
            {
                _arrived = true;
                _idle?.Cancel();
            }
        }
    }

    public void Dispose() => _folder.CountChanged -= OnCountChanged;
}
