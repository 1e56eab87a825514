using Tunda.Domain;
using Tunda.Domain.Logins;
using Tunda.EventStore;
using Tunda.Messaging;
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
    public static async Task<DomainError?> RecordAsync(MessageContext context, LoginRealm realm, string email, bool credentialHasPassword, Func<Login, Decision> decide, CancellationToken cancellationToken)
    {
        var loginId = LoginId.For(realm, email);
        var history = await context.Store.FetchStreamAsync(context.Transaction, loginId, cancellationToken: cancellationToken);
        var state = history.Aggregate(Login.Empty, (s, e) => s.Apply(e.Data));
        if (!state.HasPassword && credentialHasPassword)
        {
            state = state with { Id = loginId, HasPassword = true, Email = email, Realm = realm };
        }

        var decision = decide(state);
        if (!decision.IsAccepted)
        {
            return decision.Error;
        }

        if (decision.Events.Count > 0)
        {
            var version = history.Count == 0 ? 0 : history[^1].Version;
            context.Session.Append(loginId, LoginDecider.StreamType, ExpectedVersion.Exactly(version), [.. decision.Events]);
        }

        return null;
    }

    /// <summary>Every account the e-mail signs in to (main account or contact, any customer): their names are kept out of passwords.</summary>
    public static async Task<IReadOnlyList<AccountAccess>> AccessesAsync(MessageContext context, string email) =>
        await AccountAccessQueries.ForEmailAsync(context.Connection, context.Store.Schema, email, context.Transaction);

    /// <summary>The name to greet in mails: the main account's, else the first contact's.</summary>
    public static string? NameOf(IReadOnlyList<AccountAccess> accesses) =>
        accesses.FirstOrDefault(a => a.IsMainAccount)?.Name ?? accesses.FirstOrDefault()?.Name;
}
