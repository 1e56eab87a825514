namespace Tunda.Mail.Imap;

/// <summary>The IMAP server refused a command (NO/BAD), hung up, timed out or broke the protocol.</summary>
public sealed class ImapException : Exception
{
    public ImapException(string message)
        : base(message)
    {
    }

    public ImapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImapException(string command, string status, string responseText)
        : base($"The IMAP server answered {command} with {status}: {responseText}")
    {
        Status = status;
        ResponseText = responseText;
    }

    public ImapException()
    {
    }

    /// <summary>"NO" or "BAD" for a refused command; null when the failure was not a tagged answer.</summary>
    public string? Status { get; }

    public string? ResponseText { get; }
}
