using Tunda.Domain.Customers;
using static Tunda.Domain.Tests.Support.Accounts;

namespace Tunda.Domain.Tests.Customers;

public sealed class CustomerAccountTests
{
    private static readonly CustomerDetailsInput NewAddress = ItalianDetails with { Street = "Corso Como 5", Zip = "20154", Language = "en" };

    [Fact]
    public void the_login_email_is_confirmed_once_for_the_address_on_record()
    {
        var state = Given(Registered());

        CustomerDecider.Decide(state, new ConfirmCustomerEmail(CustomerId, "MARIO.ROSSI@example.it"), Now).ShouldAccept<CustomerEmailConfirmed>().Email.ShouldBe("mario.rossi@example.it");
        CustomerDecider.Decide(state, new ConfirmCustomerEmail(CustomerId, "someone@else.it"), Now).ShouldRejectWith("customer.email_mismatch");
        CustomerDecider.Decide(state.Evolve(new CustomerEmailConfirmed(CustomerId, "mario.rossi@example.it", Now)), new ConfirmCustomerEmail(CustomerId, "mario.rossi@example.it"), Now)
            .ShouldRejectWith("customer.email_already_confirmed");
    }

    [Fact]
    public void details_can_change()
    {
        var changed = CustomerDecider.Decide(Given(Registered()), new ChangeCustomerDetails(CustomerId, NewAddress), Now).ShouldAccept<CustomerDetailsChanged>();

        changed.Details.Address.Street.ShouldBe("Corso Como 5");
        changed.Details.Language.ShouldBe("en");
    }

    [Fact]
    public void unchanged_details_produce_no_event()
    {
        var decision = CustomerDecider.Decide(Given(Registered()), new ChangeCustomerDetails(CustomerId, ItalianDetails), Now);

        decision.IsAccepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void invalid_details_are_reported_per_field()
    {
        var decision = CustomerDecider.Decide(Given(Registered()), new ChangeCustomerDetails(CustomerId, NewAddress with { Zip = "ABC", Province = "Milano" }), Now);

        decision.Errors.Select(e => e.Field).ShouldBe(["zip", "province"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("Giuseppe", null, null, "firstName")]
    [InlineData(null, "Bianchi", null, "lastName")]
    [InlineData(null, null, "BNCGLI90A41H501E", "codiceFiscale")]
    public void changing_a_legal_field_is_refused_and_changes_nothing(string? firstName, string? lastName, string? codiceFiscale, string field)
    {
        var command = new ChangeCustomerDetails(CustomerId, NewAddress, FirstName: firstName, LastName: lastName, CodiceFiscale: codiceFiscale);

        var decision = CustomerDecider.Decide(Given(Registered()), command, Now);

        decision.ShouldRejectWith("customer.legal_fields_immutable");
        decision.Error!.Message.ShouldContain(field);
    }

    [Fact]
    public void resending_the_stored_legal_fields_is_not_a_change()
    {
        var command = new ChangeCustomerDetails(CustomerId, NewAddress, FirstName: " Mario ", LastName: "Rossi", CodiceFiscale: "rssmra85t10a562s");

        CustomerDecider.Decide(Given(Registered()), command, Now).ShouldAccept<CustomerDetailsChanged>();
    }

    [Fact]
    public void a_company_cannot_change_its_name_or_partita_iva()
    {
        var state = Given(Registered(ItalianCompany));

        CustomerDecider.Decide(state, new ChangeCustomerDetails(CustomerId, NewAddress, CompanyName: "Altro S.p.A."), Now).ShouldRejectWith("customer.legal_fields_immutable");
        CustomerDecider.Decide(state, new ChangeCustomerDetails(CustomerId, NewAddress, VatNumber: "12345678903"), Now).ShouldRejectWith("customer.legal_fields_immutable");
    }

    [Theory]
    [InlineData("IT01234567897")]
    [InlineData("012 345 678 97")]
    public void resending_the_stored_partita_iva_with_or_without_prefix_is_not_a_change(string vatNumber)
    {
        var command = new ChangeCustomerDetails(CustomerId, NewAddress, CompanyName: "Caffè Rossi S.r.l.", VatNumber: vatNumber);

        CustomerDecider.Decide(Given(Registered(ItalianCompany)), command, Now).ShouldAccept<CustomerDetailsChanged>();
    }

    [Fact]
    public void a_login_email_change_takes_effect_only_when_the_new_address_is_confirmed()
    {
        var state = Given(Registered());

        var requested = CustomerDecider.Decide(state, new RequestLoginEmailChange(CustomerId, "Mario@Caffè.it"), Now).ShouldAccept<LoginEmailChangeRequested>();
        requested.NewEmail.ShouldBe("mario@xn--caff-8oa.it");
        state = state.Evolve(requested);
        state.LoginEmail.ShouldBe("mario.rossi@example.it");

        CustomerDecider.Decide(state, new ConfirmLoginEmailChange(CustomerId, "other@example.it"), Now).ShouldRejectWith("customer.no_pending_email_change");
        var changed = CustomerDecider.Decide(state, new ConfirmLoginEmailChange(CustomerId, "mario@xn--caff-8oa.it"), Now).ShouldAccept<LoginEmailChanged>();

        changed.ShouldBe(new LoginEmailChanged(CustomerId, "mario.rossi@example.it", "mario@xn--caff-8oa.it", false, Now));
        state = state.Evolve(changed);
        state.LoginEmail.ShouldBe("mario@xn--caff-8oa.it");
        state.PendingLoginEmail.ShouldBeNull();
    }

    [Fact]
    public void confirming_without_a_pending_change_is_refused()
    {
        CustomerDecider.Decide(Given(Registered()), new ConfirmLoginEmailChange(CustomerId, "new@example.it"), Now).ShouldRejectWith("customer.no_pending_email_change");
    }

    [Fact]
    public void the_login_email_cannot_move_to_the_same_address_a_contact_address_or_garbage()
    {
        var state = WithContacts();

        CustomerDecider.Decide(state, new RequestLoginEmailChange(CustomerId, "Mario.Rossi@EXAMPLE.it"), Now).ShouldRejectWith("customer.same_email");
        CustomerDecider.Decide(state, new RequestLoginEmailChange(CustomerId, "luca@studio.it"), Now).ShouldRejectWith("customer.email_used_by_contact");
        CustomerDecider.Decide(state, new ChangeLoginEmailByStaff(CustomerId, "luca@studio.it"), Now).ShouldRejectWith("customer.email_used_by_contact");
        var garbage = CustomerDecider.Decide(state, new RequestLoginEmailChange(CustomerId, "not an address"), Now);
        garbage.ShouldRejectWith("email.invalid");
        garbage.Error!.Field.ShouldBe("email");
    }

    [Fact]
    public void staff_change_the_login_email_at_once()
    {
        var changed = CustomerDecider.Decide(Given(Registered()), new ChangeLoginEmailByStaff(CustomerId, "nuova@example.it"), Now).ShouldAccept<LoginEmailChanged>();

        changed.ByStaff.ShouldBeTrue();
        changed.OldEmail.ShouldBe("mario.rossi@example.it");
        Given(Registered(), changed).LoginEmail.ShouldBe("nuova@example.it");
    }

    [Fact]
    public void a_blocked_customer_can_do_nothing_but_be_unblocked()
    {
        var state = WithContacts(new CustomerBlocked(CustomerId, "unpaid", Now));
        var actor = AccountActor.MainAccount;

        CustomerDecider.Decide(state, new ChangeCustomerDetails(CustomerId, NewAddress), Now).ShouldRejectWith("customer.blocked");
        CustomerDecider.Decide(state, new RequestLoginEmailChange(CustomerId, "x@example.it"), Now).ShouldRejectWith("customer.blocked");
        CustomerDecider.Decide(state, new ChangeLoginEmailByStaff(CustomerId, "x@example.it"), Now).ShouldRejectWith("customer.blocked");
        CustomerDecider.Decide(state, new ConfirmCustomerEmail(CustomerId, "mario.rossi@example.it"), Now).ShouldRejectWith("customer.blocked");
        ContactDecider.Decide(state, new InviteContact(CustomerId, Guid.NewGuid(), "Anna", "anna@example.it", Permissions.Tickets, Notifications.Support, actor), Now).ShouldRejectWith("customer.blocked");
        ContactDecider.Decide(state, new BlockContact(CustomerId, Accountant, actor), Now).ShouldRejectWith("customer.blocked");
        ContactDecider.Decide(state, new DeleteContact(CustomerId, Accountant, actor), Now).ShouldRejectWith("customer.blocked");
        CustomerDecider.Decide(state, new BlockCustomer(CustomerId, "again"), Now).ShouldRejectWith("customer.already_blocked");

        CustomerDecider.Decide(state, new UnblockCustomer(CustomerId), Now).ShouldAccept<CustomerUnblocked>();
    }

    [Fact]
    public void blocking_needs_a_reason_and_unblocking_a_blocked_customer()
    {
        var state = Given(Registered());

        CustomerDecider.Decide(state, new BlockCustomer(CustomerId, "  "), Now).Error!.Field.ShouldBe("reason");
        CustomerDecider.Decide(state, new BlockCustomer(CustomerId, "fraud"), Now).ShouldAccept<CustomerBlocked>().Reason.ShouldBe("fraud");
        CustomerDecider.Decide(state, new UnblockCustomer(CustomerId), Now).ShouldRejectWith("customer.not_blocked");
    }

    [Fact]
    public void commands_on_an_unknown_customer_are_refused()
    {
        CustomerDecider.Decide(Customer.Empty, new ChangeCustomerDetails(CustomerId, NewAddress), Now).ShouldRejectWith("customer.not_found");
        CustomerDecider.Decide(Customer.Empty, new BlockCustomer(CustomerId, "x"), Now).ShouldRejectWith("customer.not_found");
        ContactDecider.Decide(Customer.Empty, new ActivateContact(CustomerId, Accountant), Now).ShouldRejectWith("customer.not_found");
    }
}
