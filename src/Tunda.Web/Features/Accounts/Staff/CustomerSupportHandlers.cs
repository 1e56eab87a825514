using System.Text.Json;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Messaging;
using Tunda.Messaging.Handlers;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>What staff do for a customer: move the login e-mail, block and unblock, start a password reset.</summary>
internal static class CustomerSupportHandlers
{
    /// <summary>The token the customer's reset page consumes: subject the normalised e-mail, payload realm, email, loginId.</summary>
    public const string PasswordResetPurpose = "password-reset";
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromMinutes(60);

    public static void Register(MessagingOptions messaging, IServiceProvider services)
    {
        messaging.Handlers.Aggregate(OnCustomer<StaffChangeCustomerLoginEmail>(c => c.CustomerId, (s, c, now) => CustomerDecider.Decide(s, new ChangeLoginEmailByStaff(c.CustomerId, c.NewEmail), now), then:
            (step, context, ct) => AfterLoginEmailChangedAsync(step.Before, (LoginEmailChanged)step.Events[0], context, services, ct)));
        messaging.Handlers.Aggregate(OnCustomer<StaffBlockCustomer>(c => c.CustomerId, (s, c, now) => CustomerDecider.Decide(s, new BlockCustomer(c.CustomerId, c.Reason), now), then:
            // Every session inside the customer's accounts (main and contacts) ends with the commit.
            async (step, context, ct) =>
            {
                await services.GetRequiredService<SessionStore>().RevokeAllOfCustomerAsync(step.Command.CustomerId, context.Connection, context.Transaction, ct);
                return null;
            }));
        messaging.Handlers.Aggregate(OnCustomer<StaffUnblockCustomer>(c => c.CustomerId, (s, c, now) => CustomerDecider.Decide(s, new UnblockCustomer(c.CustomerId), now)));
        messaging.Handlers.Handle<StaffStartPasswordReset, object>((command, context, ct) => StartResetAsync(command, context, services, ct));
    }

    private static AggregateHandler<TCommand, Customer> OnCustomer<TCommand>(
        Func<TCommand, Guid> id, Func<Customer, TCommand, DateTimeOffset, Decision> decide, Func<AggregateStep<TCommand, Customer>, MessageContext, CancellationToken, Task<DomainError?>>? then = null)
        where TCommand : notnull => new()
        {
            StreamType = CustomerDecider.StreamType,
            StreamId = id,
            Initial = _ => Customer.Empty,
            Evolve = Customer.Evolve,
            Decide = decide,
            Then = then,
        };

    private static async Task<DomainError?> AfterLoginEmailChangedAsync(Customer before, LoginEmailChanged changed, MessageContext context, IServiceProvider services, CancellationToken ct)
    {

        // The new login must exist in the log too, so its sign-ins are accepted by the Login rules.
        var moved = await StreamSteps.DecideAsync(
            context, LoginDecider.StreamType, LoginId.For(LoginRealm.Customer, changed.NewEmail), Login.Empty, Login.Evolve,
            state => state.HasPassword ? Decision.Accept() : LoginDecider.Decide(state, new SetPassword(LoginRealm.Customer, changed.NewEmail, "login-email-changed-by-staff"), context.Now), ct);
        if (!moved.IsAccepted)
        {
            return moved.Error;
        }

        if (!await LoginEmailMove.ApplyAsync(context, services, before.Id, changed.OldEmail, changed.NewEmail, ct))
        {
            return StaffErrors.CustomerEmailTaken;
        }

        var name = NameOf(before);
        var values = new Dictionary<string, string> { ["name"] = name, ["oldEmail"] = changed.OldEmail, ["newEmail"] = changed.NewEmail };
        foreach (var to in new[] { changed.OldEmail, changed.NewEmail })
        {
            context.Publish(new SendEmail(Guid.NewGuid(), "login-email-changed-notice", LanguageOf(before), to, name, values));
        }

        return null;
    }

    private static async Task<object> StartResetAsync(StaffStartPasswordReset command, MessageContext context, IServiceProvider services, CancellationToken ct)
    {
        var (customer, _) = await StreamSteps.LoadAsync(context, command.CustomerId, Customer.Empty, Customer.Evolve, ct);
        if (!customer.IsRegistered)
        {
            return CustomerErrors.NotFound(command.CustomerId);
        }

        var email = customer.LoginEmail;
        var loginId = LoginId.For(LoginRealm.Customer, email);
        var decision = await StreamSteps.DecideAsync(
            context, LoginDecider.StreamType, loginId, Login.Empty, Login.Evolve,
            state => LoginDecider.Decide(state, new RequestPasswordReset(LoginRealm.Customer, email, ByStaff: true), context.Now), ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        // A newer link replaces the older ones.
        var tokens = services.GetRequiredService<OneTimeTokens>();
        await tokens.RevokeAllAsync(PasswordResetPurpose, email, context.Connection, context.Transaction, ct);
        var payload = JsonSerializer.Serialize(new { realm = "customer", email, loginId });
        var token = await tokens.IssueAsync(PasswordResetPurpose, email, PasswordResetLifetime, payload, context.Connection, context.Transaction, ct);
        var link = services.GetRequiredService<PublicUrls>().Link("/reimposta-password", new Dictionary<string, string?> { ["token"] = token });
        var name = NameOf(customer);
        context.Publish(new SendEmail(Guid.NewGuid(), "password-reset", LanguageOf(customer), email, name, new Dictionary<string, string>
        {
            ["name"] = name,
            ["resetLink"] = link.ToString(),
        }));
        return email;
    }

    private static string NameOf(Customer customer) =>
        customer.Legal is null ? customer.LoginEmail
        : customer.Legal.CompanyName ?? $"{customer.Legal.FirstName} {customer.Legal.LastName}";

    private static string LanguageOf(Customer customer) => customer.Details?.Language ?? "it";
}
