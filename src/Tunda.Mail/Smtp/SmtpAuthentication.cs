using System.Text;

namespace Tunda.Mail;

/// <summary>AUTH PLAIN (preferred, one round trip) or AUTH LOGIN, whichever the server's EHLO offers.</summary>
internal static class SmtpAuthentication
{
    public static async Task AuthenticateAsync(SmtpConnection connection, IReadOnlySet<string> extensions, string username, string password, CancellationToken ct)
    {
        var mechanisms = extensions
            .Where(e => e.StartsWith("AUTH ", StringComparison.Ordinal) || e.StartsWith("AUTH=", StringComparison.Ordinal))
            .SelectMany(e => e[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet();
        if (mechanisms.Contains("PLAIN"))
        {
            var token = Base64($"\0{username}\0{password}");
            SmtpTransport.Expect("AUTH PLAIN", await connection.CommandAsync($"AUTH PLAIN {token}", ct), 235);
        }
        else if (mechanisms.Contains("LOGIN"))
        {
            SmtpTransport.Expect("AUTH LOGIN", await connection.CommandAsync("AUTH LOGIN", ct), 334);
            SmtpTransport.Expect("AUTH LOGIN (username)", await connection.CommandAsync(Base64(username), ct), 334);
            SmtpTransport.Expect("AUTH LOGIN (password)", await connection.CommandAsync(Base64(password), ct), 235);
        }
        else
        {
            throw new SmtpException(mechanisms.Count == 0
                ? "Credentials are configured but the SMTP server offers no authentication (over an unencrypted connection many servers offer none: use StartTls or Tls)."
                : $"The SMTP server offers only AUTH {string.Join(' ', mechanisms)}; Tunda speaks PLAIN and LOGIN.");
        }
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
