using Tunda.Domain.Customers;
using Tunda.Web.Security.SignIn;
using LoginRealm = Tunda.Domain.Logins.LoginRealm;

namespace Tunda.Web.Tests;

public sealed class SecurityThrottleTests : IAsyncLifetime
{
    private const string Owner = "anna@bianchi.it";
    private SecurityTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SecurityTestHost.StartAsync(options =>
        {
            options.Throttle.FreeFailuresPerEmailAndIp = 3;
            options.Throttle.FreeFailuresPerIp = 6;
            options.Throttle.FailuresPerEmail = 5;
            options.Throttle.FailuresPerDevice = 4;
        });
        _host.Accounts.Add(Owner, Permissions.All);
        await _host.SetPasswordAsync(LoginRealm.Customer, Owner);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<SignInResult> WrongAsync(string email = Owner, string ip = "198.51.100.1", string? device = null) =>
        _host.SignInAsync(LoginRealm.Customer, email, "not-the-password", ip, device);

    [Fact]
    public async Task failures_from_one_ip_on_one_email_make_each_next_attempt_wait_longer()
    {
        for (var i = 0; i < 3; i++)
        {
            (await WrongAsync()).ShouldBeOfType<SignInResult.Failed>();
        }

        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "198.51.100.1")).ShouldBeOfType<SignInResult.Throttled>().RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        (await WrongAsync()).ShouldBeOfType<SignInResult.Failed>();
        (await WrongAsync()).ShouldBeOfType<SignInResult.Throttled>().RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));
        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "198.51.100.2")).ShouldBeOfType<SignInResult.SignedIn>();
    }

    [Fact]
    public async Task a_success_forgives_that_ips_failures_on_that_email()
    {
        for (var i = 0; i < 3; i++)
        {
            await WrongAsync();
        }

        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "198.51.100.1")).ShouldBeOfType<SignInResult.SignedIn>();

        (await WrongAsync()).ShouldBeOfType<SignInResult.Failed>();
    }

    [Fact]
    public async Task one_ip_trying_many_emails_is_slowed_down_while_other_ips_are_not()
    {
        for (var i = 0; i < 6; i++)
        {
            (await WrongAsync($"guess{i}@bianchi.it", ip: "192.0.2.50")).ShouldBeOfType<SignInResult.Failed>();
        }

        (await WrongAsync("guess-next@bianchi.it", ip: "192.0.2.50")).ShouldBeOfType<SignInResult.Throttled>();
        (await WrongAsync("guess-next@bianchi.it", ip: "192.0.2.51")).ShouldBeOfType<SignInResult.Failed>();
    }

    [Fact]
    public async Task an_email_attacked_from_many_ips_closes_for_strangers_but_not_for_the_owners_browser()
    {
        var device = (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "203.0.113.9")).ShouldBeOfType<SignInResult.SignedIn>().Device!.Value;
        for (var i = 0; i < 5; i++)
        {
            (await WrongAsync(ip: $"198.51.100.{10 + i}")).ShouldBeOfType<SignInResult.Failed>();
        }

        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "198.51.100.99")).ShouldBeOfType<SignInResult.Throttled>().RetryAfter.ShouldBe(TimeSpan.FromMinutes(15));
        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "203.0.113.9", device: device)).ShouldBeOfType<SignInResult.SignedIn>();
        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "203.0.113.9", device: device + "x")).ShouldBeOfType<SignInResult.Throttled>();

        _host.Clock.Advance(TimeSpan.FromMinutes(15));
        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "198.51.100.99")).ShouldBeOfType<SignInResult.SignedIn>();
    }

    [Fact]
    public async Task a_device_cookie_only_exempts_its_own_email()
    {
        _host.Accounts.Add("luca@verdi.it", Permissions.All);
        await _host.SetPasswordAsync(LoginRealm.Customer, "luca@verdi.it");
        var lucasDevice = (await _host.SignInAsync(LoginRealm.Customer, "luca@verdi.it")).ShouldBeOfType<SignInResult.SignedIn>().Device!.Value;
        for (var i = 0; i < 5; i++)
        {
            await WrongAsync(ip: $"198.51.100.{10 + i}");
        }

        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "203.0.113.9", device: lucasDevice)).ShouldBeOfType<SignInResult.Throttled>();
    }

    [Fact]
    public async Task a_device_cookie_used_for_guessing_loses_its_exemption()
    {
        var device = (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "203.0.113.9")).ShouldBeOfType<SignInResult.SignedIn>().Device!.Value;
        for (var i = 0; i < 4; i++)
        {
            await WrongAsync(ip: $"198.51.100.{10 + i}", device: device);
        }

        await WrongAsync(ip: "198.51.100.20");

        (await _host.SignInAsync(LoginRealm.Customer, Owner, ip: "203.0.113.9", device: device)).ShouldBeOfType<SignInResult.Throttled>();
    }
}
