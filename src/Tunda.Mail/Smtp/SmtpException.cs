namespace Tunda.Mail;

/// <summary>The SMTP server refused a command (4xx: try later, 5xx: permanent) or could not be talked to.</summary>
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

    public SmtpException(string message, int statusCode, string reply, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ServerReply = reply;
    }

    public SmtpException()
    {
    }

    /// <summary>The reply code, or 0 when the failure was not a reply (network, TLS, a missing extension).</summary>
    public int StatusCode { get; }

    public string? ServerReply { get; }

    /// <summary>A 4xx reply: the same message may succeed later.</summary>
    public bool IsTransient => StatusCode is >= 400 and < 500;
}
