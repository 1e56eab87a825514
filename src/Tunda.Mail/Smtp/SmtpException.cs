namespace Tunda.Mail;

/// <summary>The SMTP server refused a command (4xx: try later, 5xx: permanent) or broke the protocol.</summary>
public sealed class SmtpException : Exception
{
    public SmtpException(string message)
        : base(message)
    {
    }

    public SmtpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SmtpException(string command, int statusCode, string reply)
        : base($"The SMTP server answered {command} with: {reply}")
    {
        StatusCode = statusCode;
        ServerReply = reply;
    }

    public SmtpException()
    {
    }

    /// <summary>The reply code, or 0 when the failure was not a reply (protocol error, missing extension).</summary>
    public int StatusCode { get; }

    public string? ServerReply { get; }

    /// <summary>A 4xx reply: the same message may succeed later.</summary>
    public bool IsTransient => StatusCode is >= 400 and < 500;
}
