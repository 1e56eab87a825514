using Tunda.Domain.Logins;

namespace Tunda.Domain.Tests.Logins;

public sealed class LoginTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = LoginId.For(LoginRealm.Customer, "mario@example.it");
    private static readonly Guid Customer = Guid.Parse("0b6a3f1e-1111-4c1e-9d1a-000000000001");

    private static Login Given(params object[] events) => events.Aggregate(Login.Empty, Login.Evolve);

    private static PasswordSet Password => new(Id, "mario@example.it", LoginRealm.Customer, "registration", Now);

    [Fact]
    public void a_login_id_is_a_stable_version_5_uuid_of_realm_and_email()
    {
        var id = LoginId.For(LoginRealm.Customer, "mario@example.it");

        id.ShouldBe(LoginId.For(LoginRealm.Customer, "mario@example.it"));
        id.ShouldNotBe(LoginId.For(LoginRealm.Staff, "mario@example.it"));
        id.ShouldNotBe(LoginId.For(LoginRealm.Customer, "maria@example.it"));
        id.Version.ShouldBe(5);
        (id.Variant & 0b1100).ShouldBe(0b1000);
    }

    [Fact]
    public void a_login_id_does_not_change_between_releases()
    {
        // Pinned: stored login streams hang on these ids.
        LoginId.For(LoginRealm.Customer, "mario@example.it").ShouldBe(Guid.Parse(PinnedCustomerLogin));
    }

    [Fact]
    public void setting_a_password_normalises_the_email_and_derives_the_stream_id()
    {
        var decision = LoginDecider.Decide(Login.Empty, new SetPassword(LoginRealm.Customer, "Mario@Example.IT", "registration"), Now);

        decision.Events.ShouldHaveSingleItem().ShouldBe(Password);
    }

    [Fact]
    public void a_password_reset_is_accepted_for_any_address_so_nothing_is_revealed()
    {
        var decision = LoginDecider.Decide(Login.Empty, new RequestPasswordReset(LoginRealm.Customer, "nobody@example.it", ByStaff: false), Now);

        decision.Events.ShouldHaveSingleItem().ShouldBe(new PasswordResetRequested(LoginId.For(LoginRealm.Customer, "nobody@example.it"), "nobody@example.it", false, Now));
        LoginDecider.Decide(Login.Empty, new RequestPasswordReset(LoginRealm.Customer, "garbage", false), Now).Error!.Code.ShouldBe("email.invalid");
    }

    [Fact]
    public void two_factor_is_enabled_once_and_only_with_a_password()
    {
        LoginDecider.Decide(Login.Empty, new EnableTwoFactor(Id), Now).Error!.Code.ShouldBe("login.no_password");
        LoginDecider.Decide(Given(Password), new EnableTwoFactor(Id), Now).Events.ShouldHaveSingleItem().ShouldBe(new TwoFactorEnabled(Id, Now));
        LoginDecider.Decide(Given(Password, new TwoFactorEnabled(Id, Now)), new EnableTwoFactor(Id), Now).Error!.Code.ShouldBe("login.two_factor_already_enabled");
    }

    [Fact]
    public void disabling_two_factor_when_it_is_off_is_an_error()
    {
        LoginDecider.Decide(Given(Password), new DisableTwoFactor(Id), Now).Error!.Code.ShouldBe("login.two_factor_not_enabled");
        LoginDecider.Decide(Given(Password, new TwoFactorEnabled(Id, Now)), new DisableTwoFactor(Id), Now).Events.ShouldHaveSingleItem().ShouldBeOfType<TwoFactorDisabled>();
    }

    [Fact]
    public void recovery_codes_need_two_factor_and_run_out()
    {
        var enabled = Given(Password, new TwoFactorEnabled(Id, Now));

        LoginDecider.Decide(Given(Password), new RegenerateRecoveryCodes(Id, 10), Now).Error!.Code.ShouldBe("login.two_factor_not_enabled");
        LoginDecider.Decide(enabled, new RegenerateRecoveryCodes(Id, 0), Now).Error!.Code.ShouldBe("login.invalid_recovery_code_count");
        LoginDecider.Decide(enabled, new UseRecoveryCode(Id), Now).Error!.Code.ShouldBe("login.no_recovery_code_left");

        var withCodes = enabled.Evolve(new RecoveryCodesRegenerated(Id, 2, Now));
        var oneUsed = withCodes.Evolve(LoginDecider.Decide(withCodes, new UseRecoveryCode(Id), Now).Events.Single());
        var bothUsed = oneUsed.Evolve(LoginDecider.Decide(oneUsed, new UseRecoveryCode(Id), Now).Events.Single());
        LoginDecider.Decide(bothUsed, new UseRecoveryCode(Id), Now).Error!.Code.ShouldBe("login.no_recovery_code_left");
    }

    [Fact]
    public void disabling_two_factor_voids_the_recovery_codes()
    {
        Given(Password, new TwoFactorEnabled(Id, Now), new RecoveryCodesRegenerated(Id, 10, Now), new TwoFactorDisabled(Id, Now)).RecoveryCodesLeft.ShouldBe(0);
    }

    [Fact]
    public void signing_in_needs_a_password_and_for_customers_an_account()
    {
        LoginDecider.Decide(Login.Empty, new SignIn(Id, Customer, null), Now).Error!.Code.ShouldBe("login.no_password");
        LoginDecider.Decide(Given(Password), new SignIn(Id, null, null), Now).Error!.Code.ShouldBe("login.account_required");
        LoginDecider.Decide(Given(Password), new SignIn(Id, Customer, null), Now).Events.ShouldHaveSingleItem().ShouldBe(new SignedIn(Id, Customer, null, Now));
    }

    [Fact]
    public void staff_sign_in_only_with_two_factor_enabled()
    {
        var staff = LoginId.For(LoginRealm.Staff, "chiara@tunda.it");
        var withPassword = Given(new PasswordSet(staff, "chiara@tunda.it", LoginRealm.Staff, "added", Now));

        LoginDecider.Decide(withPassword, new SignIn(staff, null, null), Now).Error!.Code.ShouldBe("login.two_factor_required");
        LoginDecider.Decide(withPassword.Evolve(new TwoFactorEnabled(staff, Now)), new SignIn(staff, null, null), Now).Events.ShouldHaveSingleItem().ShouldBeOfType<SignedIn>();
    }

    [Fact]
    public void signing_out_is_always_accepted()
    {
        LoginDecider.Decide(Login.Empty, new SignOut(Id), Now).Events.ShouldHaveSingleItem().ShouldBe(new SignedOut(Id, Now));
    }

    [Fact]
    public void a_username_recovery_request_is_validated_and_recorded_once()
    {
        var requestId = Guid.NewGuid();
        var command = new RequestUsernameRecovery(requestId, "Mario Rossi", "Old@Example.it", "mario@new.it", "RSSMRA85T10A562S", "I lost the old mailbox.");

        UsernameRecoveryDecider.Decide(false, command, Now).Events.ShouldHaveSingleItem()
            .ShouldBe(new UsernameRecoveryRequested(requestId, "Mario Rossi", "old@example.it", "mario@new.it", "RSSMRA85T10A562S", "I lost the old mailbox.", Now));
        UsernameRecoveryDecider.Decide(true, command, Now).Error!.Code.ShouldBe("username_recovery.already_requested");
        UsernameRecoveryDecider.Decide(false, command with { Name = "", ContactEmail = "x", Message = " " }, Now).Errors.Select(e => e.Field)
            .ShouldBe(["name", "contactEmail", "message"], ignoreOrder: true);
    }

    // Computed independently with Python: uuid.uuid5(UUID("6f1c7a52-3b0e-4c2d-9a55-0b7e4d1f8c21"), "customer:mario@example.it").
    private const string PinnedCustomerLogin = "c0bc2dcb-f630-545c-bbb0-b0197af95a18";
}
