using Marten;
using Wolverine;
using System.Text;
using System.Text.Json;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>A registration as the form sends it: the customer's fields plus the password it chose (never logged, never stored in an event).</summary>
public sealed record RegisterNewCustomer(RegisterCustomer Customer, string? Password, string? PasswordConfirmation, bool KindIsValid = true)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CustomerId = ").Append(Customer.CustomerId);
        return true;
    }
}

/// <summary>Registration errors beyond the customer's own rules.</summary>
public static class RegistrationErrors
{
    /// <summary>Another main account holds the address. Pages and API never show it as such (no enumeration).</summary>
    public static DomainError EmailTaken { get; } = new("customer.email_taken", "A main account already uses this e-mail address.", "email");

    public static DomainError PasswordMismatch { get; } = new("register.password_mismatch", "The two passwords differ.", "passwordConfirmation");

    public static DomainError InvalidKind { get; } = new(CustomerErrors.InvalidField, "kind: is 'person' or 'company'.", "kind");

    public static DomainError InvalidToken { get; } = new("register.token_invalid", "The confirmation link is unknown, expired or already used.");
}

/// <summary>What registering a customer needs beside the decider.</summary>
public sealed record RegistrationServices(PasswordPolicy Policy, CredentialStore Credentials, PasswordHashing Hashing, OneTimeTokens Tokens, PublicUrls Urls, Texts Texts);

/// <summary>
/// Registers a customer: the decider judges the fields, PasswordPolicy the password; then, in the same
/// transaction, the login e-mail is reserved (taken: everything rolls back), the password stored,
/// a confirmation token issued and the summary mail queued.
/// </summary>
public static class RegisterNewCustomerHandler
{
    public const string ConfirmPurpose = "confirm-email";
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    public static Decision Decide(Customer state, RegisterNewCustomer command, DateTimeOffset now, PasswordPolicy policy)
    {
        var decision = CustomerDecider.Decide(state, command.Customer, now);
        if (state.IsRegistered)
        {
            return decision;
        }

        var c = command.Customer;
        var errors = decision.Errors.ToList();
        if (!command.KindIsValid)
        {
            errors.Add(RegistrationErrors.InvalidKind);
        }

        errors.AddRange(policy.Check(command.Password, c.Email, c.FirstName, c.LastName, c.CompanyName));
        if (!string.IsNullOrEmpty(command.Password) && command.Password != command.PasswordConfirmation)
        {
            errors.Add(RegistrationErrors.PasswordMismatch);
        }

        return errors.Count == 0 ? decision : Decision.Reject(errors);
    }

    public static Task<InvokeResult> Handle(RegisterNewCustomer command, IDocumentSession session, IMessageContext bus, UnitOfWork work, RegistrationServices services, CancellationToken ct) =>
        work.RunAsync(session, bus, context => new AggregateHandler<RegisterNewCustomer, Customer>
        {
            StreamId = c => c.Customer.CustomerId,
            Initial = Customer.Empty,
            Decide = (state, command, now) => Decide(state, command, now, services.Policy),
            Then = (step, context, ct) => ThenAsync(services, step, context, ct),
        }.HandleAsync(command, context, ct), ct);

    private static async Task<DomainError?> ThenAsync(RegistrationServices services, AggregateStep<RegisterNewCustomer, Customer> step, CommandContext context, CancellationToken ct)
    {
        var registered = step.Events.OfType<CustomerRegistered>().Single();
        var email = registered.LoginEmail;
        var password = step.Command.Password!;
        var credentials = services.Credentials;

        // A login with this address may exist already (a contact elsewhere): its password is the
        // person's own and is never replaced by whoever fills in a form. The hash is computed either
        // way, so the answer takes the same time.
        var existing = await credentials.FindAsync(LoginRealm.Customer, email, context.Connection, context.Transaction, ct);
        if (existing is null)
        {
            var loginId = await credentials.SetPasswordAsync(LoginRealm.Customer, email, password, context.Connection, context.Transaction, ct);
            var set = LoginDecider.Decide(Login.Empty, new SetPassword(LoginRealm.Customer, email, "registration"), context.Now);
            context.Session.Events.Append(loginId, [.. set.Events]);
        }
        else
        {
            _ = services.Hashing.Hash(password);
        }

        if (!await MainAccountEmails.TryReserveAsync(context, email, registered.CustomerId, ct))
        {
            return RegistrationErrors.EmailTaken;
        }

        var token = await services.Tokens.IssueAsync(
            ConfirmPurpose, registered.CustomerId.ToString(), ConfirmLifetime, JsonSerializer.Serialize(new { email }),
            context.Connection, context.Transaction, ct);
        var link = services.Urls.Link("/conferma-email", new Dictionary<string, string?> { ["token"] = token });
        context.Publish(RegistrationMails.Summary(registered, link, services.Texts));
        return null;
    }
}
