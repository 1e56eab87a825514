using System.Globalization;
using System.Text.RegularExpressions;

namespace Tunda.Domain.Identity;

/// <summary>
/// An e-mail address. <see cref="Value"/> is the normalised form used for comparison and lookup:
/// trimmed, lower-case, with the domain in ASCII (punycode), so "Mario@Caffè.it" equals
/// "mario@xn--caff-8oa.it". <see cref="Display"/> keeps what the person typed (trimmed).
/// Equality uses <see cref="Value"/> only.
/// </summary>
public sealed partial class EmailAddress : IEquatable<EmailAddress>
{
    public const int MaxLength = 254;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private EmailAddress(string value, string display)
    {
        Value = value;
        Display = display;
    }

    public string Value { get; }

    public string Display { get; }

    public string LocalPart => Value[..Value.LastIndexOf('@')];

    public string Domain => Value[(Value.LastIndexOf('@') + 1)..];

    public static Validated<EmailAddress> Parse(string? input)
    {
        var display = input?.Trim() ?? string.Empty;
        if (display.Length == 0)
        {
            return Invalid("e-mail address is required.");
        }

        var at = display.LastIndexOf('@');
        if (at <= 0 || at == display.Length - 1)
        {
            return Invalid("an e-mail address needs a name, '@' and a domain.");
        }

        var local = display[..at];
        if (!LocalPartPattern().IsMatch(local) || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal) || local.Length > 64)
        {
            return Invalid("the part before '@' contains characters an e-mail address cannot have.");
        }

        string domain;
        try
        {
            domain = Idn.GetAscii(display[(at + 1)..].TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return Invalid("the domain after '@' is not a valid domain name.");
        }

        if (!domain.Contains('.', StringComparison.Ordinal) || !DomainPattern().IsMatch(domain))
        {
            return Invalid("the domain after '@' is not a valid domain name.");
        }

        var value = $"{local.ToLowerInvariant()}@{domain}";
        return value.Length > MaxLength
            ? Invalid($"an e-mail address has at most {MaxLength} characters.")
            : new EmailAddress(value, display);
    }

    /// <summary>The normalised form of <paramref name="input"/>, or null when it is not an address.</summary>
    public static string? Normalise(string? input) => Parse(input).Value?.Value;

    public bool Equals(EmailAddress? other) => other is not null && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as EmailAddress);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(EmailAddress? left, EmailAddress? right) => Equals(left, right);

    public static bool operator !=(EmailAddress? left, EmailAddress? right) => !Equals(left, right);

    private static DomainError Invalid(string message) => new("email.invalid", $"Invalid e-mail address: {message}");

    // Dot-atom local parts (RFC 5322) plus UTF-8 letters (RFC 6531); quoted local parts are refused
    // on purpose: no mailbox a customer uses needs them and they invite confusion.
    [GeneratedRegex(@"^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.\-]+$")]
    private static partial Regex LocalPartPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DomainPattern();
}
