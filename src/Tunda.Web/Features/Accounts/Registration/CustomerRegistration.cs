using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Tunda.Domain.Identity;
using Tunda.Web.Platform.Commands;
using Tunda.Projections;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Links;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>What a registration answers: accepted (check your mailbox) or the field errors to show.</summary>
public sealed record RegistrationOutcome(Guid CustomerId, IReadOnlyList<LocalisedFieldError> Errors)
{
    public bool Accepted => Errors.Count == 0;
}

/// <summary>
/// The registration use case as pages and API call it. An address a main account already uses gets
/// the same answer as a new one ("check your mailbox"), and its owner gets a notice instead: the form
/// never tells a visitor which addresses have accounts.
/// </summary>
public sealed class CustomerRegistration(
    ICommandSender bus,
    IOptions<LegalVersions> versions,
    Texts texts,
    PasswordPolicy policy,
    PublicUrls urls,
    IDocumentStore store)
{
    public async Task<RegistrationOutcome> RegisterAsync(RegistrationInput input, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(http);
        var customerId = Guid.NewGuid();
        var culture = Languages.Of(http);
        var result = await bus.InvokeAsync(input.ToCommand(customerId, versions.Value, culture.TwoLetterISOLanguageName), RequestMetadata.For(http), http.RequestAborted);
        if (result.Succeeded)
        {
            return new RegistrationOutcome(customerId, []);
        }

        if (result.Errors.Any(e => e.Code == RegistrationErrors.EmailTaken.Code))
        {
            await NotifyOwnerAsync(EmailAddress.Normalise(input.Email)!, http.RequestAborted);
            return new RegistrationOutcome(customerId, []);
        }

        return new RegistrationOutcome(customerId, RegistrationFieldErrors.Localise(result.Errors, texts, culture, policy));
    }

    private async Task NotifyOwnerAsync(string email, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var owner = await CustomerProfiles.FindByLoginEmailAsync(session, email, cancellationToken);
        var name = owner is null ? email : owner.CompanyName ?? $"{owner.FirstName} {owner.LastName}";
        await bus.PublishAsync(
            RegistrationMails.Attempt(email, name, owner?.Language ?? Languages.Italian, urls.Link("/accedi"), urls.Link("/password-dimenticata")));
    }
}
