using Wolverine;
using Marten;
using System.Text.Json;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>The link in the registration mail was followed: confirm the address the token was issued for.</summary>
public sealed record ConfirmEmailWithToken(string? Token);

/// <summary>
/// Consumes the token and confirms the customer's e-mail in one transaction: a refused confirmation
/// rolls the consumption back, a committed one can never be repeated with the same link.
/// </summary>
public static class ConfirmEmailWithTokenHandler
{
    public static Task<InvokeResult> Handle(ConfirmEmailWithToken command, IDocumentSession session, IMessageContext bus, UnitOfWork work, OneTimeTokens tokens, CancellationToken ct) =>
        work.RunAsync(session, bus, context => ConfirmAsync(command, context, tokens, ct), ct);

    private static async Task<object?> ConfirmAsync(ConfirmEmailWithToken command, CommandContext context, OneTimeTokens tokens, CancellationToken ct)
    {
        var consumed = await tokens.ConsumeAsync(
            RegisterNewCustomerHandler.ConfirmPurpose, command.Token, context.Connection, context.Transaction, ct);
        if (consumed is null || !Guid.TryParse(consumed.Subject, out var customerId))
        {
            return RegistrationErrors.InvalidToken;
        }

        var email = consumed.Payload is null ? null : JsonSerializer.Deserialize<TokenPayload>(consumed.Payload, JsonSerializerOptions.Web)?.Email;
        var decision = await StreamSteps.DecideAsync(context, customerId, Customer.Empty,
            state => CustomerDecider.Decide(state, new ConfirmCustomerEmail(customerId, email ?? string.Empty), context.Now), ct);
        if (!decision.IsAccepted)
        {
            // An address changed since, or already confirmed: the link has nothing left to do.
            return decision.Error!.Code == CustomerErrors.EmailAlreadyConfirmed.Code || decision.Error.Code == CustomerErrors.EmailMismatch.Code
                ? RegistrationErrors.InvalidToken
                : decision;
        }

        return customerId;
    }

    private sealed record TokenPayload(string? Email);
}
