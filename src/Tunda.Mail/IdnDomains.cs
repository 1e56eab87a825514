using System.Globalization;

namespace Tunda.Mail;

/// <summary>One conversion of a domain to the lower-cased ASCII (punycode) form addresses are sent and compared in.</summary>
internal static class IdnDomains
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The ASCII form, or null when <paramref name="domain"/> is not a valid host name.</summary>
    public static string? ToAscii(string domain)
    {
        try
        {
            return Idn.GetAscii(domain.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
