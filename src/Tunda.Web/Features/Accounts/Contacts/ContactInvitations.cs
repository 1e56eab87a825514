using System.Text.Json;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;
using Tunda.Web.Security;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>What an invitation link stands for.</summary>
public sealed record InvitationPayload(Guid CustomerId, Guid ContactId, string Email);

/// <summary>
/// The invitation link: a one-time token (purpose <see cref="Purpose"/>, 7 days, subject the contact
/// id) issued in the transaction that invites the contact, and the mail that carries it.
/// </summary>
public sealed class ContactInvitations(OneTimeTokens tokens, SecurityDatabase database, PublicUrls urls)
{
    public const string Purpose = "contact-invitation";

    public const string Path = "/invito";

    public static TimeSpan Lifetime { get; } = TimeSpan.FromDays(7);

    public async Task SendAsync(Customer customer, ContactInvited invited, AccountActor actor, CommandContext context, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(new InvitationPayload(invited.CustomerId, invited.ContactId, invited.Email), JsonSerializerOptions.Web);
        var token = await tokens.IssueAsync(Purpose, invited.ContactId.ToString(), Lifetime, payload, context.Connection, context.Transaction, cancellationToken);
        var customerName = NameOf(customer);
        var inviterName = actor.ContactId is { } acting && customer.Contacts.TryGetValue(acting, out var contact) ? contact.Name : PersonOf(customer);
        context.Publish(new SendEmail(Guid.NewGuid(), "contact-invitation", customer.Details?.Language ?? "it", invited.Email, invited.Name,
            new Dictionary<string, string>
            {
                ["name"] = invited.Name,
                ["inviterName"] = inviterName,
                ["customerName"] = customerName,
                ["invitationLink"] = urls.Link(Path, new Dictionary<string, string?> { ["token"] = token }).ToString(),
            }));
    }

    /// <summary>Voids the unused links of a contact (it was deleted).</summary>
    public Task RevokeAsync(Guid contactId, CommandContext context, CancellationToken cancellationToken) =>
        tokens.RevokeAllAsync(Purpose, contactId.ToString(), context.Connection, context.Transaction, cancellationToken);

    /// <summary>Uses the token up in the caller's transaction; null when unknown, used or expired.</summary>
    public async Task<InvitationPayload?> ConsumeAsync(string? token, CommandContext context, CancellationToken cancellationToken) =>
        Parse(await tokens.ConsumeAsync(Purpose, token, context.Connection, context.Transaction, cancellationToken));

    /// <summary>
    /// What a still valid token stands for, without using it: the consumption runs in a transaction
    /// that is rolled back, so validity is judged by exactly the rule that will apply on acceptance.
    /// </summary>
    public async Task<InvitationPayload?> PeekAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var consumed = await tokens.ConsumeAsync(Purpose, token, connection, transaction, cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        return Parse(consumed);
    }

    public static string NameOf(Customer customer) =>
        customer.Legal?.CompanyName is { Length: > 0 } company ? company : PersonOf(customer);

    private static string PersonOf(Customer customer) => $"{customer.Legal?.FirstName} {customer.Legal?.LastName}".Trim();

    private static InvitationPayload? Parse(ConsumedToken? consumed) =>
        consumed?.Payload is { } json ? JsonSerializer.Deserialize<InvitationPayload>(json, JsonSerializerOptions.Web) : null;
}
