using Tunda.Domain.Customers;
using static Tunda.Domain.Tests.Support.Accounts;

namespace Tunda.Domain.Tests.Customers;

public sealed class RegistrationTests
{
    [Fact]
    public void an_italian_person_is_registered_with_normalised_fields()
    {
        var registered = CustomerDecider.Decide(Customer.Empty, ItalianPerson, Now).ShouldAccept<CustomerRegistered>();

        registered.Legal.ShouldBe(new LegalIdentity("Mario", "Rossi", null, "RSSMRA85T10A562S", null));
        registered.Details.ShouldBe(new CustomerDetails(new PostalAddress("Via Roma 1", "Milano", "20121", "MI", "IT"), "+39 02 1234567", "mario@pec.it", "ABC1234", "it"));
        registered.LoginEmail.ShouldBe("mario.rossi@example.it");
        registered.Terms.ShouldBe(new TermsAcceptance("terms-2026", "privacy-2026", Now));
        registered.At.ShouldBe(Now);
    }

    [Fact]
    public void an_italian_company_is_registered_with_its_partita_iva()
    {
        var registered = CustomerDecider.Decide(Customer.Empty, ItalianCompany, Now).ShouldAccept<CustomerRegistered>();

        registered.Kind.ShouldBe(CustomerKind.Company);
        registered.Legal.CompanyName.ShouldBe("Caffè Rossi S.r.l.");
        registered.Legal.CodiceFiscale.ShouldBe("01234567897");
        registered.Legal.VatNumber.ShouldBe("01234567897");
    }

    [Fact]
    public void a_company_needs_a_company_name_and_an_italian_one_a_partita_iva()
    {
        var decision = CustomerDecider.Decide(Customer.Empty, ItalianCompany with { CompanyName = " ", VatNumber = null }, Now);

        decision.Errors.Select(e => e.Field).ShouldBe(["companyName", "vatNumber"], ignoreOrder: true);
        decision.Errors.ShouldAllBe(e => e.Code == CustomerErrors.InvalidField);
    }

    [Fact]
    public void a_person_may_give_a_partita_iva_but_it_must_be_valid()
    {
        CustomerDecider.Decide(Customer.Empty, ItalianPerson with { VatNumber = "12345678903" }, Now).ShouldAccept<CustomerRegistered>().Legal.VatNumber.ShouldBe("12345678903");
        CustomerDecider.Decide(Customer.Empty, ItalianPerson with { VatNumber = "12345678900" }, Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("vatNumber");
    }

    [Fact]
    public void an_italian_customer_needs_a_codice_fiscale_and_a_person_the_sixteen_character_form()
    {
        CustomerDecider.Decide(Customer.Empty, ItalianPerson with { CodiceFiscale = null }, Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("codiceFiscale");
        CustomerDecider.Decide(Customer.Empty, ItalianPerson with { CodiceFiscale = "01234567897" }, Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("codiceFiscale");
        CustomerDecider.Decide(Customer.Empty, ItalianPerson with { CodiceFiscale = "RSSMRA85T10A562T" }, Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("codiceFiscale");
    }

    [Fact]
    public void a_german_company_gives_a_vat_number_checked_by_the_german_format_and_no_codice_fiscale()
    {
        var german = ItalianCompany with
        {
            CodiceFiscale = null,
            VatNumber = "123456789",
            Details = ItalianDetails with { Zip = "10115", Province = null, City = "Berlin", Country = "DE" },
        };

        CustomerDecider.Decide(Customer.Empty, german, Now).ShouldAccept<CustomerRegistered>().Legal.VatNumber.ShouldBe("DE123456789");
        CustomerDecider.Decide(Customer.Empty, german with { VatNumber = "12345" }, Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("vatNumber");
        CustomerDecider.Decide(Customer.Empty, german with { VatNumber = null }, Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("vatNumber");
    }

    [Fact]
    public void a_swiss_person_needs_neither_codice_fiscale_nor_vat_number()
    {
        var swiss = ItalianPerson with { CodiceFiscale = null, Details = ItalianDetails with { Zip = "8001", Province = "Zürich", Country = "CH" } };

        CustomerDecider.Decide(Customer.Empty, swiss, Now).ShouldAccept<CustomerRegistered>().Details.Address.Province.ShouldBe("Zürich");
    }

    [Fact]
    public void every_invalid_field_is_reported_at_once_with_its_name()
    {
        var garbage = new RegisterCustomer(
            CustomerId, CustomerKind.Person, "", null, "Not For Persons", "XYZ", "123",
            new CustomerDetailsInput("", " ", "2012", "Milano", "it", "call me", "not-a-pec", "12345", "de"),
            "mario at example", null, "");

        var decision = CustomerDecider.Decide(Customer.Empty, garbage, Now);

        decision.Events.ShouldBeEmpty();
        decision.Errors.Select(e => e.Field).ShouldBe(
            ["firstName", "lastName", "companyName", "codiceFiscale", "vatNumber", "street", "city", "zip", "province", "phone", "pec", "codiceDestinatario", "language", "email", "termsVersion", "privacyVersion"],
            ignoreOrder: true);
        decision.Errors.ShouldAllBe(e => e.Code == CustomerErrors.InvalidField && e.Message.StartsWith(e.Field + ":"));
    }

    [Theory]
    [InlineData("ITA")]
    [InlineData("")]
    [InlineData("1T")]
    public void the_country_is_a_two_letter_iso_code(string country)
    {
        var decision = CustomerDecider.Decide(Customer.Empty, ItalianPerson with { Details = ItalianDetails with { Country = country } }, Now);

        decision.Errors.Select(e => e.Field).ShouldContain("country");
    }

    [Fact]
    public void pec_and_codice_destinatario_are_optional()
    {
        var registered = CustomerDecider.Decide(Customer.Empty, ItalianPerson with { Details = ItalianDetails with { Pec = null, CodiceDestinatario = "" } }, Now).ShouldAccept<CustomerRegistered>();

        registered.Details.Pec.ShouldBeNull();
        registered.Details.CodiceDestinatario.ShouldBeNull();
    }

    [Fact]
    public void registering_twice_is_refused()
    {
        CustomerDecider.Decide(Given(Registered()), ItalianPerson, Now).ShouldRejectWith("customer.already_registered");
    }
}
