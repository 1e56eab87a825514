using System.Text.Json;
using Marten;
using Wolverine;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>What staff do for a customer: move the login e-mail, block and unblock, start a password reset.</summary>
public static class CustomerSupportHandler
{
    /// <summary>The token the customer's reset page consumes: subject the normalised e-mail, payload realm, email, loginId.</summary>
    public const string PasswordResetPurpose = "password-reset";
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromMinutes(60);

    public static Task<InvokeResult> Handle(StaffChangeCustomerLoginEmail command, IDocumentSession session, IMessageContext bus, UnitOfWork work, LoginEmailMove move, CancellationToken ct) =>
        work.RunAsync(session, bus, context => OnCustomer<StaffChangeCustomerLoginEmail>(c => c.CustomerId, (s, c, now) => CustomerDecider.Decide(s, new ChangeLoginEmailByStaff(c.CustomerId, c.NewEmail), now), then:
            (step, context, ct) => AfterLoginEmailChangedAsync(step.Before, (LoginEmailChanged)step.Events[0], context, move, ct)).HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(StaffBlockCustomer command, IDocumentSession session, IMessageContext bus, UnitOfWork work, SessionStore sessions, CancellationToken ct) =>
        work.RunAsync(session, bus, context => OnCustomer<StaffBlockCustomer>(c => c.CustomerId, (s, c, now) => CustomerDecider.Decide(s, new BlockCustomer(c.CustomerId, c.Reason), now), then:
            // Every session inside the customer's accounts (main and contacts) ends with the commit.
            async (step, context, ct) =>
            {
                await sessions.RevokeAllOfCustomerAsync(step.Command.CustomerId, context.Connection, context.Transaction, ct);
                return null;
            }).HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(StaffUnblockCustomer command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => OnCustomer<StaffUnblockCustomer>(c => c.CustomerId, (s, c, now) => CustomerDecider.Decide(s, new UnblockCustomer(c.CustomerId), now))
            .HandleAsync(command, context, ct), ct);

    public static Task<InvokeResult> Handle(StaffStartPasswordReset command, IDocumentSession session, IMessageContext bus, UnitOfWork work, OneTimeTokens tokens, PublicUrls urls, CancellationToken ct) =>
        work.RunAsync(session, bus, context => StartResetAsync(command, context, tokens, urls, ct), ct);

    private static AggregateHandler<TCommand, Customer> OnCustomer<TCommand>(
        Func<TCommand, Guid> id, Func<Customer, TCommand, DateTimeOffset, Decision> decide, Func<AggregateStep<TCommand, Customer>, CommandContext, CancellationToken, Task<DomainError?>>? then = null)
        where TCommand : notnull => new()
        {
            StreamId = id,
            Initial = Customer.Empty,
            Decide = decide,
            Then = then,
        };

    private static async Task<DomainError?> AfterLoginEmailChangedAsync(Customer before, LoginEmailChanged changed, CommandContext context, LoginEmailMove move, CancellationToken ct)
    {

        // The new login must exist in the log too, so its sign-ins are accepted by the Login rules.
        var moved = await StreamSteps.DecideAsync(context, LoginId.For(LoginRealm.Customer, changed.NewEmail), Login.Empty,
            state => state.HasPassword ? Decision.Accept() : LoginDecider.Decide(state, new SetPassword(LoginRealm.Customer, changed.NewEmail, "login-email-changed-by-staff"), context.Now), ct);
        if (!moved.IsAccepted)
        {
            return moved.Error;
        }

        if (!await move.ApplyAsync(context, before.Id, changed.OldEmail, changed.NewEmail, ct))
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

    private static async Task<object?> StartResetAsync(StaffStartPasswordReset command, CommandContext context, OneTimeTokens tokens, PublicUrls urls, CancellationToken ct)
    {
        var customer = await StreamSteps.LoadAsync(context, command.CustomerId, Customer.Empty, ct);
        if (!customer.IsRegistered)
        {
            return CustomerErrors.NotFound(command.CustomerId);
        }

        var email = customer.LoginEmail;
        var loginId = LoginId.For(LoginRealm.Customer, email);
        var decision = await StreamSteps.DecideAsync(context, loginId, Login.Empty,
            state => LoginDecider.Decide(state, new RequestPasswordReset(LoginRealm.Customer, email, ByStaff: true), context.Now), ct);
        if (!decision.IsAccepted)
        {
            return decision;
        }

        // A newer link replaces the older ones.
        await tokens.RevokeAllAsync(PasswordResetPurpose, email, context.Connection, context.Transaction, ct);
        var payload = JsonSerializer.Serialize(new { realm = "customer", email, loginId });
        var token = await tokens.IssueAsync(PasswordResetPurpose, email, PasswordResetLifetime, payload, context.Connection, context.Transaction, ct);
        var link = urls.Link("/reimposta-password", new Dictionary<string, string?> { ["token"] = token });
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
