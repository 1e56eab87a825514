using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tunda.Domain.Customers;
using LoginRealm = Tunda.Domain.Logins.LoginRealm;
using Tunda.Domain.Staff;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.TwoFactor;
using static Tunda.Web.Security.SignIn.SignInResult;

namespace Tunda.Web.Tests;

public sealed class SecuritySignInTests : IAsyncLifetime
{
    private SecurityTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SecurityTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task passwords_are_hashed_with_more_iterations_than_the_framework_default()
    {
        await _host.SetPasswordAsync(LoginRealm.Customer, "Mario@Rossi.it");

        var hash = (await _host.Get<CredentialStore>().FindAsync(LoginRealm.Customer, "mario@rossi.it"))!.PasswordHash!;

        IterationsOf(hash).ShouldBe(210_000);
        IterationsOf(hash).ShouldBeGreaterThan(new PasswordHasherOptions().IterationCount);
    }

    [Fact]
    public async Task a_weaker_stored_hash_is_replaced_on_the_next_successful_login()
    {
        _host.Accounts.Add("anna@bianchi.it", Permissions.All);
        await _host.SetPasswordAsync(LoginRealm.Customer, "anna@bianchi.it");
        var weak = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 })).HashPassword(new object(), SecurityTestHost.Password);
        await TestDatabase.ExecuteAsync($"UPDATE {_host.Schema}.credentials SET password_hash = '{weak}'");

        (await _host.SignInAsync(LoginRealm.Customer, "anna@bianchi.it")).ShouldBeOfType<SignedIn>();

        IterationsOf((await _host.Get<CredentialStore>().FindAsync(LoginRealm.Customer, "anna@bianchi.it"))!.PasswordHash!).ShouldBe(210_000);
    }

    [Fact]
    public async Task a_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        _host.Accounts.Add("anna@bianchi.it", Permissions.All);
        await _host.SetPasswordAsync(LoginRealm.Customer, "anna@bianchi.it");

        (await _host.SignInAsync(LoginRealm.Customer, "anna@bianchi.it", "wrong-password!")).ShouldBeOfType<Failed>();
        (await _host.SignInAsync(LoginRealm.Customer, "nobody@bianchi.it")).ShouldBeOfType<Failed>();
        (await _host.SignInAsync(LoginRealm.Customer, "not an address")).ShouldBeOfType<Failed>();
    }

    [Fact]
    public async Task a_login_reaching_one_account_enters_it_and_gets_a_session_and_a_device_cookie()
    {
        var account = _host.Accounts.Add("anna@bianchi.it", Permissions.Invoices, contact: true);
        await _host.SetPasswordAsync(LoginRealm.Customer, "anna@bianchi.it");

        var result = (await _host.SignInAsync(LoginRealm.Customer, " ANNA@Bianchi.IT ")).ShouldBeOfType<SignedIn>();

        result.Account.ShouldBe(account);
        result.NewToken.ShouldNotBeNull();
        result.Device.ShouldNotBeNull();
        (await _host.Get<SessionStore>().ValidateAsync(result.NewToken))!.AccessId.ShouldBe(account.AccessId);
    }

    [Fact]
    public async Task a_login_reaching_several_accounts_chooses_only_among_its_own()
    {
        var first = _host.Accounts.Add("anna@bianchi.it", Permissions.All, "Bianchi");
        var second = _host.Accounts.Add("anna@bianchi.it", Permissions.Invoices, "Verdi", contact: true);
        var stranger = _host.Accounts.Add("luca@verdi.it", Permissions.All, "Verdi");
        await _host.SetPasswordAsync(LoginRealm.Customer, "anna@bianchi.it");

        var choice = (await _host.SignInAsync(LoginRealm.Customer, "anna@bianchi.it")).ShouldBeOfType<NeedsAccountChoice>();
        choice.Accounts.Select(a => a.AccessId).ShouldBe([first.AccessId, second.AccessId], ignoreOrder: true);
        choice.Session.Stage.ShouldBe(SessionStage.AccountChoice);

        (await _host.WithSignInAsync(s => s.ChooseAccountAsync(choice.Session.Id, stranger.AccessId))).ShouldBeOfType<Failed>();
        var signedIn = (await _host.WithSignInAsync(s => s.ChooseAccountAsync(choice.Session.Id, second.AccessId))).ShouldBeOfType<SignedIn>();
        signedIn.Account!.CustomerName.ShouldBe("Verdi");
    }

    [Fact]
    public async Task a_blocked_contact_with_the_right_password_is_told_it_is_blocked()
    {
        var account = _host.Accounts.Add("anna@bianchi.it", Permissions.All, contact: true);
        _host.Accounts.Block(account.AccessId);
        await _host.SetPasswordAsync(LoginRealm.Customer, "anna@bianchi.it");

        (await _host.SignInAsync(LoginRealm.Customer, "anna@bianchi.it")).ShouldBeOfType<Blocked>();
    }

    [Fact]
    public async Task staff_without_an_authenticator_must_enrol_and_enrolment_completes_the_session()
    {
        _host.Staff.Add("giulia@tunda.it", StaffRoles.Support);
        await _host.SetPasswordAsync(LoginRealm.Staff, "giulia@tunda.it");

        var enrol = (await _host.SignInAsync(LoginRealm.Staff, "giulia@tunda.it")).ShouldBeOfType<MustEnrolTwoFactor>();
        var setup = _host.Get<TwoFactorSetup>();
        var enrolment = (await setup.BeginAsync(LoginRealm.Staff, "giulia@tunda.it"))!;
        var codes = await setup.ConfirmAsync(LoginRealm.Staff, "giulia@tunda.it", CurrentCode(enrolment.Secret));
        await _host.Get<SessionStore>().MarkTwoFactorSatisfiedAsync(enrol.Session.Id);

        codes!.Count.ShouldBe(10);
        (await _host.Get<SessionStore>().FindAsync(enrol.Session.Id))!.Stage.ShouldBe(SessionStage.Complete);
        (await _host.SignInAsync(LoginRealm.Staff, "giulia@tunda.it")).ShouldBeOfType<NeedsTwoFactor>();
    }

    [Fact]
    public async Task a_totp_code_signs_in_once_and_its_step_cannot_be_replayed()
    {
        _host.Accounts.Add("anna@bianchi.it", Permissions.All);
        var secret = await EnableTwoFactorAsync(LoginRealm.Customer, "anna@bianchi.it");
        _host.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = CurrentCode(secret);

        var first = (await _host.SignInAsync(LoginRealm.Customer, "anna@bianchi.it")).ShouldBeOfType<NeedsTwoFactor>();
        (await _host.WithSignInAsync(s => s.VerifyTwoFactorAsync(first.Session.Id, "000000", null))).ShouldBeOfType<Failed>();
        (await _host.WithSignInAsync(s => s.VerifyTwoFactorAsync(first.Session.Id, code, null))).ShouldBeOfType<SignedIn>();

        var second = (await _host.SignInAsync(LoginRealm.Customer, "anna@bianchi.it")).ShouldBeOfType<NeedsTwoFactor>();
        (await _host.WithSignInAsync(s => s.VerifyTwoFactorAsync(second.Session.Id, code, null))).ShouldBeOfType<Failed>();
    }

    [Fact]
    public async Task a_recovery_code_works_once()
    {
        _host.Accounts.Add("anna@bianchi.it", Permissions.All);
        await _host.SetPasswordAsync(LoginRealm.Customer, "anna@bianchi.it");
        var setup = _host.Get<TwoFactorSetup>();
        var enrolment = (await setup.BeginAsync(LoginRealm.Customer, "anna@bianchi.it"))!;
        var codes = (await setup.ConfirmAsync(LoginRealm.Customer, "anna@bianchi.it", CurrentCode(enrolment.Secret)))!;

        var first = (await _host.SignInAsync(LoginRealm.Customer, "anna@bianchi.it")).ShouldBeOfType<NeedsTwoFactor>();
        (await _host.WithSignInAsync(s => s.VerifyTwoFactorAsync(first.Session.Id, codes[3].ToLowerInvariant(), null))).ShouldBeOfType<SignedIn>().UsedRecoveryCode.ShouldBeTrue();
        var second = (await _host.SignInAsync(LoginRealm.Customer, "anna@bianchi.it")).ShouldBeOfType<NeedsTwoFactor>();
        (await _host.WithSignInAsync(s => s.VerifyTwoFactorAsync(second.Session.Id, codes[3], null))).ShouldBeOfType<Failed>();
        (await _host.Get<CredentialStore>().FindAsync(LoginRealm.Customer, "anna@bianchi.it"))!.RecoveryCodesLeft.ShouldBe(9);
    }

    private async Task<string> EnableTwoFactorAsync(LoginRealm realm, string email)
    {
        await _host.SetPasswordAsync(realm, email);
        var setup = _host.Get<TwoFactorSetup>();
        var enrolment = (await setup.BeginAsync(realm, email))!;
        (await setup.ConfirmAsync(realm, email, CurrentCode(enrolment.Secret))).ShouldNotBeNull();
        return enrolment.Secret;
    }

    private string CurrentCode(string secret) => AuthenticatorApp.CodeAt(secret, _host.Clock.GetUtcNow());

    /// <summary>PasswordHasher v3 layout: marker byte, PRF (uint32 BE), iteration count (uint32 BE), ...</summary>
    private static int IterationsOf(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));
}
