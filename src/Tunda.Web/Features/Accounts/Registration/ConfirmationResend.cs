using System.Text.Json;
using Marten;
using Tunda.Domain.Customers;
using Tunda.Domain.Identity;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security;
using Tunda.Web.Security.Tokens;
using Wolverine;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>
/// Someone asks for the confirmation link again (the first mail was lost or expired). Queued by the page
/// and the API, so the answer is the same, and as fast, whether or not the address is an unconfirmed account.
/// </summary>
[Wolverine.Attributes.MessageIdentity(Alias)]
public sealed record ConfirmationResendWanted(string Email, string Language)
{
    public const string Alias = "register_confirmation_resend_wanted";
}

public static class ConfirmationResendHandler
{
    public static Task Handle(ConfirmationResendWanted message, IDocumentSession session, IMessageContext bus, UnitOfWork work, OneTimeTokens tokens, PublicUrls urls, CancellationToken ct) =>
        work.HandleAsync(session, bus, async context =>
        {
            await ResendAsync(message, context, tokens, urls, ct);
            return null;
        }, ct);

    /// <summary>An unconfirmed main account gets a fresh link (older ones stop working); anything else gets nothing.</summary>
    private static async Task ResendAsync(ConfirmationResendWanted message, CommandContext context, OneTimeTokens tokens, PublicUrls urls, CancellationToken ct)
    {
        if (EmailAddress.Normalise(message.Email) is not { } email || await HolderAsync(context, email, ct) is not { } customerId)
        {
            return;
        }

        var customer = await StreamSteps.LoadAsync(context, customerId, Customer.Empty, ct);
        if (!customer.IsRegistered || customer.EmailConfirmed || customer.LoginEmail != email
            || !await AddressMailLimit.TryTakeAsync(context, RegisterNewCustomerHandler.ConfirmPurpose, email, ct))
        {
            return;
        }

        var subject = customerId.ToString();
        await tokens.RevokeAllAsync(RegisterNewCustomerHandler.ConfirmPurpose, subject, context.Connection, context.Transaction, ct);
        var token = await tokens.IssueAsync(RegisterNewCustomerHandler.ConfirmPurpose, subject, RegisterNewCustomerHandler.ConfirmLifetime,
            JsonSerializer.Serialize(new { email }), context.Connection, context.Transaction, ct);
        var link = urls.Link("/conferma-email", new Dictionary<string, string?> { ["token"] = token });
        var name = customer.Legal?.CompanyName ?? $"{customer.Legal?.FirstName} {customer.Legal?.LastName}";
        context.Publish(new SendEmail(Guid.NewGuid(), "confirm-email", customer.Details?.Language ?? message.Language, email, name,
            new Dictionary<string, string> { ["name"] = name, ["confirmLink"] = link.ToString() }));
    }

    private static async Task<Guid?> HolderAsync(CommandContext context, string email, CancellationToken ct)
    {
        await using var command = context.Command($"SELECT customer_id FROM {context.Schema}.main_account_emails WHERE email = $1");
        command.Parameters.AddWithValue(email);
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }
}
