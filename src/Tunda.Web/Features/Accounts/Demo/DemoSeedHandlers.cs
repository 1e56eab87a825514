using Marten;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Security.Credentials;
using Wolverine;

namespace Tunda.Web.Features.Accounts.Demo;

/// <summary>Seeds the demo customer (with its contact), the demo administrator and the demo tickets, each once.</summary>
public sealed record SeedDemoAccounts;

/// <summary>What the seed did: false where the account already existed.</summary>
public sealed record DemoSeedResult(bool CustomerCreated, bool StaffCreated);

/// <summary>
/// Everything through the deciders and in one transaction, so a half-seeded database cannot exist;
/// secrets go straight to the credential store (the invitation and enrolment flows are skipped on purpose).
/// </summary>
public static class DemoSeedHandler
{
    public static Task<InvokeResult> Handle(SeedDemoAccounts command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CredentialStore credentials, CancellationToken ct) =>
        work.RunAsync(session, bus, context => SeedAsync(context, credentials, ct), ct);

    private static async Task<object?> SeedAsync(CommandContext context, CredentialStore credentials, CancellationToken ct)
    {
        var customer = await SeedCustomerAsync(context, credentials, ct);
        if (customer is DomainError or Decision)
        {
            return customer;
        }

        var staff = await SeedStaffAsync(context, credentials, ct);
        if (staff is DomainError or Decision)
        {
            return staff;
        }

        await Tickets.DemoTickets.SeedAsync(context, ct);
        return new DemoSeedResult((bool)customer!, (bool)staff!);
    }

    private static async Task<object?> SeedCustomerAsync(CommandContext context, CredentialStore credentials, CancellationToken ct)
    {
        var decision = await StreamSteps.DecideAsync(context, DemoAccounts.CustomerId, Customer.Empty, state =>
        {
            if (state.IsRegistered)
            {
                return Decision.Accept();
            }

            return Decision.Chain(state, Customer.Evolve,
                s => CustomerDecider.Decide(s, DemoAccounts.Registration, context.Now),
                s => CustomerDecider.Decide(s, new ConfirmCustomerEmail(DemoAccounts.CustomerId, DemoAccounts.CustomerEmail), context.Now),
                s => ContactDecider.Decide(s, DemoAccounts.ContactInvitation, context.Now),
                s => ContactDecider.Decide(s, new ActivateContact(DemoAccounts.CustomerId, DemoAccounts.ContactId), context.Now));
        }, ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        if (decision.Events.Count == 0)
        {
            return false;
        }

        if (!await MainAccountEmails.TryReserveAsync(context, DemoAccounts.CustomerEmail, DemoAccounts.CustomerId, ct))
        {
            return StaffErrors.CustomerEmailTaken;
        }

        foreach (var (email, password) in new[] { (DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword), (DemoAccounts.ContactEmail, DemoAccounts.ContactPassword) })
        {
            if (await SetPasswordAsync(context, credentials, LoginRealm.Customer, email, password, ct) is { } refused)
            {
                return refused;
            }
        }

        return true;
    }

    private static async Task<object?> SeedStaffAsync(CommandContext context, CredentialStore credentials, CancellationToken ct)
    {
        var decision = await StreamSteps.DecideAsync(context, DemoAccounts.StaffId, StaffMember.Empty, state =>
            state.Exists ? Decision.Accept() : StaffDecider.Decide(state, new AddStaffMember(DemoAccounts.StaffId, "Amministratore Demo", DemoAccounts.StaffEmail, DemoAccounts.StaffMemberRoles), context.Now), ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        if (decision.Events.Count == 0)
        {
            return false;
        }

        if (await SetPasswordAsync(context, credentials, LoginRealm.Staff, DemoAccounts.StaffEmail, DemoAccounts.StaffPassword, ct, twoFactor: true) is { } refused)
        {
            return refused;
        }

        await credentials.SetPendingTotpSecretAsync(LoginRealm.Staff, DemoAccounts.StaffEmail, DemoAccounts.StaffTotpSecret, context.Connection, context.Transaction, ct);
        await credentials.EnableTwoFactorAsync(LoginRealm.Staff, DemoAccounts.StaffEmail, [], context.Connection, context.Transaction, ct);
        return true;
    }

    /// <summary>PasswordSet (and TwoFactorEnabled) on the login stream, appended once per unit of work, and the hash in the credential store.</summary>
    private static async Task<Decision?> SetPasswordAsync(CommandContext context, CredentialStore credentials, LoginRealm realm, string email, string password, CancellationToken ct, bool twoFactor = false)
    {
        var loginId = LoginId.For(realm, email);
        var decision = await StreamSteps.DecideAsync(context, loginId, Login.Empty,
            state => twoFactor
                ? Decision.Chain(state, Login.Evolve, s => LoginDecider.Decide(s, new SetPassword(realm, email, "demo-seed"), context.Now), s => LoginDecider.Decide(s, new EnableTwoFactor(loginId), context.Now))
                : LoginDecider.Decide(state, new SetPassword(realm, email, "demo-seed"), context.Now), ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        await credentials.SetPasswordAsync(realm, email, password, context.Connection, context.Transaction, ct);
        return null;
    }
}
