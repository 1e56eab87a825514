using Tunda.Domain.Identity;

namespace Tunda.Domain.Customers;

/// <summary>Decides the commands on the customer as a whole: registration, profile, login e-mail, blocking.</summary>
public static class CustomerDecider
{
    public const string StreamType = "customer";

    public static Decision Decide(Customer state, RegisterCustomer command, DateTimeOffset now)
    {
        if (state.IsRegistered)
        {
            return CustomerErrors.AlreadyRegistered(command.CustomerId);
        }

        var errors = new FieldErrors();
        var details = CustomerFields.Details(command.Details, errors);
        var email = errors.Valid("email", EmailAddress.Parse(command.Email));
        var legal = CustomerFields.Legal(command, CustomerFields.CountryCode(command.Details.Country), errors);
        var terms = errors.Required("termsVersion", command.TermsVersion, 50);
        var privacy = errors.Required("privacyVersion", command.PrivacyVersion, 50);
        if (errors.Any)
        {
            return Decision.Reject(errors.All);
        }

        return Decision.Accept(new CustomerRegistered(
            command.CustomerId, command.Kind, legal!, details!, email!.Value, new TermsAcceptance(terms, privacy, now), now));
    }

    public static Decision Decide(Customer state, ConfirmCustomerEmail command, DateTimeOffset now) =>
        Guard(state, command.CustomerId) ?? (EmailAddress.Normalise(command.Email) != state.LoginEmail
            ? CustomerErrors.EmailMismatch
            : state.EmailConfirmed
                ? CustomerErrors.EmailAlreadyConfirmed
                : Decision.Accept(new CustomerEmailConfirmed(state.Id, state.LoginEmail, now)));

    public static Decision Decide(Customer state, ChangeCustomerDetails command, DateTimeOffset now)
    {
        if (Guard(state, command.CustomerId) is { } refused)
        {
            return refused;
        }

        var changedLegal = LegalFieldsChanged(state.Legal!, state.Details!.Address.Country, command).ToList();
        if (changedLegal.Count > 0)
        {
            return CustomerErrors.LegalFieldsImmutable(changedLegal);
        }

        var errors = new FieldErrors();
        var details = CustomerFields.Details(command.Details, errors);
        if (errors.Any)
        {
            return Decision.Reject(errors.All);
        }

        return details == state.Details ? Decision.Accept() : Decision.Accept(new CustomerDetailsChanged(state.Id, details!, now));
    }

    public static Decision Decide(Customer state, RequestLoginEmailChange command, DateTimeOffset now) =>
        Guard(state, command.CustomerId) ?? NewLoginEmail(state, command.NewEmail, email => new LoginEmailChangeRequested(state.Id, email, now));

    public static Decision Decide(Customer state, ConfirmLoginEmailChange command, DateTimeOffset now)
    {
        if (Guard(state, command.CustomerId) is { } refused)
        {
            return refused;
        }

        var email = EmailAddress.Normalise(command.NewEmail);
        return state.PendingLoginEmail is null || email != state.PendingLoginEmail
            ? CustomerErrors.NoPendingEmailChange
            : Decision.Accept(new LoginEmailChanged(state.Id, state.LoginEmail, email, ByStaff: false, now));
    }

    public static Decision Decide(Customer state, ChangeLoginEmailByStaff command, DateTimeOffset now) =>
        Guard(state, command.CustomerId) ?? NewLoginEmail(state, command.NewEmail, email => new LoginEmailChanged(state.Id, state.LoginEmail, email, ByStaff: true, now));

    public static Decision Decide(Customer state, BlockCustomer command, DateTimeOffset now)
    {
        if (!state.IsRegistered)
        {
            return CustomerErrors.NotFound(command.CustomerId);
        }

        var reason = command.Reason?.Trim() ?? string.Empty;
        return state.IsBlocked
            ? CustomerErrors.AlreadyBlocked
            : reason.Length == 0
                ? new DomainError(FieldErrors.Code, "reason: is required.", "reason")
                : Decision.Accept(new CustomerBlocked(state.Id, reason, now));
    }

    public static Decision Decide(Customer state, UnblockCustomer command, DateTimeOffset now) =>
        !state.IsRegistered ? CustomerErrors.NotFound(command.CustomerId)
        : !state.IsBlocked ? CustomerErrors.NotBlocked
        : Decision.Accept(new CustomerUnblocked(state.Id, now));

    /// <summary>The refusal every command but blocking shares: unknown customer, or blocked customer.</summary>
    internal static DomainError? Guard(Customer state, Guid customerId) =>
        !state.IsRegistered ? CustomerErrors.NotFound(customerId)
        : state.IsBlocked ? CustomerErrors.Blocked
        : null;

    private static Decision NewLoginEmail(Customer state, string? input, Func<string, object> accepted)
    {
        var parsed = EmailAddress.Parse(input);
        if (!parsed.IsValid)
        {
            return parsed.Error!.For("email");
        }

        var email = parsed.Value!.Value;
        return email == state.LoginEmail ? CustomerErrors.SameEmail
            : state.UsesEmail(email) ? CustomerErrors.EmailUsedByContact
            : Decision.Accept(accepted(email));
    }

    private static IEnumerable<string> LegalFieldsChanged(LegalIdentity legal, string country, ChangeCustomerDetails command)
    {
        if (Differs(command.FirstName, legal.FirstName))
        {
            yield return "firstName";
        }

        if (Differs(command.LastName, legal.LastName))
        {
            yield return "lastName";
        }

        if (Differs(command.CompanyName, legal.CompanyName))
        {
            yield return "companyName";
        }

        if (command.CodiceFiscale is not null && Compact(command.CodiceFiscale) != Compact(legal.CodiceFiscale))
        {
            yield return "codiceFiscale";
        }

        if (command.VatNumber is not null && WithoutPrefix(command.VatNumber, country) != WithoutPrefix(legal.VatNumber, country))
        {
            yield return "vatNumber";
        }
    }

    // A form re-posting the stored value (perhaps with other spacing) is not an attempt to change it.
    private static bool Differs(string? sent, string? stored) => sent is not null && sent.Trim() != (stored ?? string.Empty);

    private static string Compact(string? value) => PartitaIva.Compact(value);

    // Italian numbers are stored without "IT", EU ones with their prefix; a form may send either.
    private static string WithoutPrefix(string? vatNumber, string country)
    {
        var compact = Compact(vatNumber);
        var prefix = country == "GR" ? "EL" : country;
        return compact.StartsWith(prefix, StringComparison.Ordinal) ? compact[prefix.Length..] : compact;
    }
}
