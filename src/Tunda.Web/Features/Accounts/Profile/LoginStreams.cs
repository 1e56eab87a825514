using Tunda.Domain;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Projections;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>
/// Records the Login stream's events from the profile and password use cases: fold, decide with
/// <see cref="LoginDecider"/>, append in the handler's transaction.
/// </summary>
internal static class LoginStreams
{
    /// <summary>
    /// Decides <paramref name="decide"/> on the login's stream and appends what it accepted. A login
    /// whose credential exists but whose stream has no PasswordSet yet (created before the stream
    /// recorded passwords) is treated as having its password: the credential is the truth for secrets.
    /// </summary>
    public static async Task<DomainError?> RecordAsync(CommandContext context, LoginRealm realm, string email, bool credentialHasPassword, Func<Login, Decision> decide, CancellationToken cancellationToken)
    {
        var loginId = LoginId.For(realm, email);
        var decision = await StreamSteps.DecideAsync(context, loginId, Login.Empty, state =>
            decide(!state.HasPassword && credentialHasPassword ? state with { Id = loginId, HasPassword = true, Email = email, Realm = realm } : state),
            cancellationToken);
        return decision.IsAccepted ? null : decision.Error;
    }

    /// <summary>Every account the e-mail signs in to (main account or contact, any customer): their names are kept out of passwords.</summary>
    public static async Task<IReadOnlyList<AccountAccess>> AccessesAsync(CommandContext context, string email) =>
        await AccountAccessQueries.ForEmailAsync(context.Session, email);

    /// <summary>The name to greet in mails: the main account's, else the first contact's.</summary>
    public static string? NameOf(IReadOnlyList<AccountAccess> accesses) =>
        accesses.FirstOrDefault(a => a.IsMainAccount)?.Name ?? accesses.FirstOrDefault()?.Name;
}
