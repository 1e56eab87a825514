using Tunda.Domain.Identity;

namespace Tunda.Domain.Logins;

/// <summary>Someone who lost the mailbox of their username asks administration for help.</summary>
public sealed record RequestUsernameRecovery(Guid RequestId, string Name, string ClaimedEmail, string ContactEmail, string? CompanyOrCodiceFiscale, string Message);

/// <summary>Decides the single command of a "username_recovery" stream; staff verify the request later.</summary>
public static class UsernameRecoveryDecider
{
    public const string StreamType = "username_recovery";

    public static Decision Decide(bool alreadyRequested, RequestUsernameRecovery command, DateTimeOffset now)
    {
        if (alreadyRequested)
        {
            return new DomainError("username_recovery.already_requested", $"Request {command.RequestId} already exists.");
        }

        var errors = new List<DomainError>();
        var name = command.Name?.Trim() ?? string.Empty;
        var message = command.Message?.Trim() ?? string.Empty;
        var claimed = EmailAddress.Parse(command.ClaimedEmail);
        var contact = EmailAddress.Parse(command.ContactEmail);
        if (name.Length is 0 or > 100)
        {
            errors.Add(new DomainError("username_recovery.invalid_field", "name: is required (at most 100 characters).", "name"));
        }

        if (!claimed.IsValid)
        {
            errors.Add(claimed.Error!.For("claimedEmail"));
        }

        if (!contact.IsValid)
        {
            errors.Add(contact.Error!.For("contactEmail"));
        }

        if (command.CompanyOrCodiceFiscale?.Trim().Length > 200)
        {
            errors.Add(new DomainError("username_recovery.invalid_field", "companyOrCodiceFiscale: has at most 200 characters (a company name or a codice fiscale).", "companyOrCodiceFiscale"));
        }

        if (message.Length is 0 or > 4000)
        {
            errors.Add(new DomainError("username_recovery.invalid_field", "message: is required (at most 4000 characters).", "message"));
        }

        return errors.Count > 0
            ? Decision.Reject(errors)
            : Decision.Accept(new UsernameRecoveryRequested(
                command.RequestId, name, claimed.Value!.Value, contact.Value!.Value, command.CompanyOrCodiceFiscale?.Trim(), message, now));
    }
}
