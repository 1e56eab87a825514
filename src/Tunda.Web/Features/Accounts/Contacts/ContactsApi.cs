using System.Security.Claims;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using AccountAccess = Tunda.Projections.AccountAccess;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>A contact as the API shows it.</summary>
public sealed record ContactResource(Guid Id, string Name, string Email, string Status, IReadOnlyList<string> Permissions, IReadOnlyList<string> Notifications)
{
    public static ContactResource From(AccountAccess row) =>
        new(row.AccessId, row.Name, row.Email, row.Status, FlagNames.Names(row.Permissions), FlagNames.Names(row.Notifications));
}

/// <summary>What the API accepts to invite (all fields) or change (name, permissions, notifications) a contact.</summary>
public sealed record ContactInput(string? Name, string? Email, Permissions[]? Permissions, Notifications[]? Notifications);

/// <summary>
/// /api/contacts: the same commands as the pages. Every id is looked up within the signed-in
/// customer first, so another customer's contact is a 404 whatever the verb.
/// </summary>
internal static class ContactsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var contacts = endpoints.MapApi("/contacts", "Contacts").RequirePermission(Permissions.Contacts);
        contacts.MapGet("/", async (ClaimsPrincipal user, ContactDirectory directory, CancellationToken ct) =>
            Results.Ok((await directory.ListAsync(CustomerOf(user), ct)).Select(ContactResource.From)));

        contacts.MapPost("/", async (ContactInput input, HttpContext http, ICommandSender bus, ContactDirectory directory, Texts texts, CancellationToken ct) =>
        {
            var customerId = CustomerOf(http.User);
            var contactId = Guid.NewGuid();
            var result = await bus.InvokeAsync(new InviteContact(customerId, contactId, input.Name ?? string.Empty, input.Email ?? string.Empty,
                FlagNames.Combine(input.Permissions), FlagNames.Combine(input.Notifications), RequestMetadata.AccountActorOf(http)), RequestMetadata.For(http), ct);
            return result.Succeeded
                ? Results.Created($"/api/contacts/{contactId}", ContactResource.From((await directory.FindAsync(customerId, contactId, ct))!))
                : ContactErrorTexts.Problem(texts, result.Errors);
        });

        contacts.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, ContactDirectory directory, Texts texts, CancellationToken ct) =>
            await directory.FindAsync(CustomerOf(user), id, ct) is { } row ? Results.Ok(ContactResource.From(row)) : NotFound(texts, id));

        contacts.MapPut("/{id:guid}", (Guid id, ContactInput input, HttpContext http, ICommandSender bus, ContactDirectory directory, Texts texts, CancellationToken ct) =>
            Act(id, http, bus, directory, texts, row => new ChangeContact(row.CustomerId, id, input.Name ?? string.Empty,
                FlagNames.Combine(input.Permissions), FlagNames.Combine(input.Notifications), RequestMetadata.AccountActorOf(http)), ct));

        contacts.MapPost("/{id:guid}/block", (Guid id, HttpContext http, ICommandSender bus, ContactDirectory directory, Texts texts, CancellationToken ct) =>
            Act(id, http, bus, directory, texts, row => new BlockContact(row.CustomerId, id, RequestMetadata.AccountActorOf(http)), ct));

        contacts.MapPost("/{id:guid}/unblock", (Guid id, HttpContext http, ICommandSender bus, ContactDirectory directory, Texts texts, CancellationToken ct) =>
            Act(id, http, bus, directory, texts, row => new UnblockContact(row.CustomerId, id, RequestMetadata.AccountActorOf(http)), ct));

        contacts.MapDelete("/{id:guid}", (Guid id, HttpContext http, ICommandSender bus, ContactDirectory directory, Texts texts, CancellationToken ct) =>
            Act(id, http, bus, directory, texts, row => new DeleteContact(row.CustomerId, id, RequestMetadata.AccountActorOf(http)), ct));
    }

    /// <summary>Runs a command on one of the customer's own contacts and answers with the contact as it is now (204 once deleted).</summary>
    private static async Task<IResult> Act(Guid id, HttpContext http, ICommandSender bus, ContactDirectory directory, Texts texts, Func<AccountAccess, object> command, CancellationToken ct)
    {
        var customerId = CustomerOf(http.User);
        if (await directory.FindAsync(customerId, id, ct) is not { } row)
        {
            return NotFound(texts, id);
        }

        var result = await bus.InvokeAsync(command(row), RequestMetadata.For(http), ct);
        if (!result.Succeeded)
        {
            return ContactErrorTexts.Problem(texts, result.Errors);
        }

        return await directory.FindAsync(customerId, id, ct) is { } now ? Results.Ok(ContactResource.From(now)) : Results.NoContent();
    }

    private static IResult NotFound(Texts texts, Guid id) => ContactErrorTexts.Problem(texts, ContactErrors.NotFound(id));

    private static Guid CustomerOf(ClaimsPrincipal user) =>
        user.GetCustomerId() ?? throw new InvalidOperationException("A contacts endpoint ran without a customer session.");
}
