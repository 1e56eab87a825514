using Tunda.Domain.Identity;
using Tunda.Domain.Logins;

namespace Tunda.Web.Security;

/// <summary>
/// How an e-mail becomes the key of a login. One rule for the whole product: the domain's
/// <see cref="EmailAddress"/> normalisation and <see cref="Domain.Logins.LoginId"/>, so credentials,
/// sessions and the login stream always agree.
/// </summary>
public static class LoginKeys
{
    /// <summary>Trimmed, lower-cased, IDN domain in punycode; null when it is not an address at all.</summary>
    public static string? NormaliseEmail(string? email) => EmailAddress.Normalise(email);

    public static Guid LoginId(LoginRealm realm, string normalisedEmail) => Domain.Logins.LoginId.For(realm, normalisedEmail);
}
