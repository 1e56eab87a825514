using Tunda.Domain.Logins;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Tests;

public sealed class SecuritySessionTests : IAsyncLifetime
{
    private SecurityTestHost _host = null!;

    private SessionStore Sessions => _host.Get<SessionStore>();

    public async Task InitializeAsync() => _host = await SecurityTestHost.StartAsync(options =>
    {
        options.SessionIdleTimeout = TimeSpan.FromMinutes(30);
        options.SessionAbsoluteLifetime = TimeSpan.FromHours(12);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<IssuedSession> CreateAsync(Guid? loginId = null) =>
        Sessions.CreateAsync(loginId ?? Guid.NewGuid(), LoginRealm.Customer, "mario@rossi.it", twoFactorSatisfied: true, mustEnrolTwoFactor: false);

    [Fact]
    public async Task a_created_session_validates_with_its_token_and_the_table_holds_only_its_hash()
    {
        var issued = await CreateAsync();

        var session = await Sessions.ValidateAsync(issued.Token);

        session.ShouldNotBeNull();
        session.Email.ShouldBe("mario@rossi.it");
        session.Stage.ShouldBe(SessionStage.AccountChoice);
        SecretBytes(issued.Token).ShouldBeGreaterThanOrEqualTo(32);
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {_host.Schema}.sessions WHERE id = sha256(convert_to('{issued.Token}', 'UTF8'))")).ShouldBe(1);
        (await Sessions.ValidateAsync(issued.Token + "x")).ShouldBeNull();
    }

    [Fact]
    public async Task a_revoked_session_is_refused_at_once()
    {
        var issued = await CreateAsync();

        (await Sessions.RevokeAsync(issued.Session.Id)).ShouldBeTrue();

        (await Sessions.ValidateAsync(issued.Token)).ShouldBeNull();
    }

    [Fact]
    public async Task an_idle_session_expires_and_activity_slides_the_idle_expiry()
    {
        var active = await CreateAsync();
        var idle = await CreateAsync();

        _host.Clock.Advance(TimeSpan.FromMinutes(20));
        (await Sessions.ValidateAsync(active.Token)).ShouldNotBeNull();
        _host.Clock.Advance(TimeSpan.FromMinutes(20));

        (await Sessions.ValidateAsync(active.Token)).ShouldNotBeNull();
        (await Sessions.ValidateAsync(idle.Token)).ShouldBeNull();
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {_host.Schema}.sessions")).ShouldBe(1);
    }

    [Fact]
    public async Task last_seen_is_written_at_most_once_a_minute()
    {
        var issued = await CreateAsync();

        _host.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Sessions.ValidateAsync(issued.Token))!.LastSeenAt.ShouldBe(issued.Session.CreatedAt);
        _host.Clock.Advance(TimeSpan.FromSeconds(40));
        (await Sessions.ValidateAsync(issued.Token))!.LastSeenAt.ShouldBe(issued.Session.CreatedAt.AddSeconds(70));

        (await Sessions.FindAsync(issued.Session.Id))!.LastSeenAt.ShouldBe(issued.Session.CreatedAt.AddSeconds(70));
    }

    [Fact]
    public async Task an_active_session_still_ends_at_its_absolute_lifetime()
    {
        var issued = await CreateAsync();

        for (var i = 0; i < 24; i++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(29));
            (await Sessions.ValidateAsync(issued.Token)).ShouldNotBeNull();
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(29));
        (await Sessions.ValidateAsync(issued.Token)).ShouldBeNull();
    }

    [Fact]
    public async Task revoking_in_a_rolled_back_transaction_keeps_the_session()
    {
        var loginId = Guid.NewGuid();
        var issued = await CreateAsync(loginId);
        await using var connection = await TestDatabase.DataSource.OpenConnectionAsync();

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            (await Sessions.RevokeAllOfLoginAsync(loginId, connection: connection, transaction: transaction)).ShouldBe(1);
            await transaction.RollbackAsync();
        }

        (await Sessions.ValidateAsync(issued.Token)).ShouldNotBeNull();

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Sessions.RevokeAllOfLoginAsync(loginId, connection: connection, transaction: transaction);
            await transaction.CommitAsync();
        }

        (await Sessions.ValidateAsync(issued.Token)).ShouldBeNull();
    }

    [Fact]
    public async Task revoking_a_login_can_keep_the_current_session()
    {
        var loginId = Guid.NewGuid();
        var current = await CreateAsync(loginId);
        var other = await CreateAsync(loginId);

        (await Sessions.RevokeAllOfLoginAsync(loginId, keepSessionId: current.Session.Id)).ShouldBe(1);

        (await Sessions.ValidateAsync(current.Token)).ShouldNotBeNull();
        (await Sessions.ValidateAsync(other.Token)).ShouldBeNull();
    }

    [Fact]
    public async Task revoking_an_access_or_a_customer_ends_only_the_sessions_inside_it()
    {
        var customer = Guid.NewGuid();
        var (accessA, accessB) = (Guid.NewGuid(), Guid.NewGuid());
        var inA = await CreateAsync();
        var inB = await CreateAsync();
        var elsewhere = await CreateAsync();
        await Sessions.ChooseAccountAsync(inA.Session.Id, accessA, customer);
        await Sessions.ChooseAccountAsync(inB.Session.Id, accessB, customer);
        await Sessions.ChooseAccountAsync(elsewhere.Session.Id, Guid.NewGuid(), Guid.NewGuid());

        (await Sessions.RevokeAllOfAccessAsync(accessA)).ShouldBe(1);
        (await Sessions.ValidateAsync(inA.Token)).ShouldBeNull();
        (await Sessions.ValidateAsync(inB.Token)).ShouldNotBeNull();

        (await Sessions.RevokeAllOfCustomerAsync(customer)).ShouldBe(1);
        (await Sessions.ValidateAsync(inB.Token)).ShouldBeNull();
        (await Sessions.ValidateAsync(elsewhere.Token))!.Stage.ShouldBe(SessionStage.Complete);
    }

    private static int SecretBytes(string token) => Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4)).Length;
}
