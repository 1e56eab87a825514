using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Tests;

public sealed class SecurityTokenTests : IAsyncLifetime
{
    private SecurityTestHost _host = null!;

    private OneTimeTokens Tokens => _host.Get<OneTimeTokens>();

    public async Task InitializeAsync() => _host = await SecurityTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task a_token_works_once_and_carries_its_subject_and_payload()
    {
        var token = await Tokens.IssueAsync("password-reset", "login-1", TimeSpan.FromMinutes(60), """{"by":"staff"}""");

        var consumed = await Tokens.ConsumeAsync("password-reset", token);

        consumed.ShouldNotBeNull();
        consumed.Subject.ShouldBe("login-1");
        consumed.Payload!.Replace(" ", "", StringComparison.Ordinal).ShouldBe("""{"by":"staff"}""");
        (await Tokens.ConsumeAsync("password-reset", token)).ShouldBeNull();
    }

    [Fact]
    public async Task a_token_is_at_least_128_bits_of_base64url_and_only_its_hash_is_stored()
    {
        var token = await Tokens.IssueAsync("confirm-email", "c-1", TimeSpan.FromDays(1));

        token.Length.ShouldBeGreaterThanOrEqualTo(22);
        token.ShouldMatch("^[A-Za-z0-9_-]+$");
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {_host.Schema}.one_time_tokens WHERE token_hash = sha256(convert_to('{token}', 'UTF8'))")).ShouldBe(1);
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {_host.Schema}.one_time_tokens WHERE position('{token}' IN encode(token_hash, 'escape') || subject) > 0")).ShouldBe(0);
    }

    [Fact]
    public async Task an_expired_token_is_refused()
    {
        var token = await Tokens.IssueAsync("password-reset", "login-2", TimeSpan.FromMinutes(60));

        _host.Clock.Advance(TimeSpan.FromMinutes(60));

        (await Tokens.ConsumeAsync("password-reset", token)).ShouldBeNull();
    }

    [Fact]
    public async Task a_token_is_refused_for_another_purpose_and_stays_usable_for_its_own()
    {
        var token = await Tokens.IssueAsync("invitation", "contact-1", TimeSpan.FromDays(7));

        (await Tokens.ConsumeAsync("password-reset", token)).ShouldBeNull();
        (await Tokens.ConsumeAsync("invitation", token))!.Subject.ShouldBe("contact-1");
    }

    [Fact]
    public async Task revoking_a_subjects_tokens_voids_only_that_subject_and_purpose()
    {
        var first = await Tokens.IssueAsync("password-reset", "login-3", TimeSpan.FromHours(1));
        var second = await Tokens.IssueAsync("password-reset", "login-3", TimeSpan.FromHours(1));
        var other = await Tokens.IssueAsync("password-reset", "login-4", TimeSpan.FromHours(1));

        (await Tokens.RevokeAllAsync("password-reset", "login-3")).ShouldBe(2);

        (await Tokens.ConsumeAsync("password-reset", first)).ShouldBeNull();
        (await Tokens.ConsumeAsync("password-reset", second)).ShouldBeNull();
        (await Tokens.ConsumeAsync("password-reset", other)).ShouldNotBeNull();
    }

    [Fact]
    public async Task a_token_issued_in_a_rolled_back_transaction_does_not_exist()
    {
        await using var connection = await TestDatabase.DataSource.OpenConnectionAsync();
        string token;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            token = await Tokens.IssueAsync("password-reset", "login-5", TimeSpan.FromHours(1), connection: connection, transaction: transaction);
            await transaction.RollbackAsync();
        }

        (await Tokens.ConsumeAsync("password-reset", token)).ShouldBeNull();
    }

    [Fact]
    public async Task garbage_tokens_are_simply_refused()
    {
        (await Tokens.ConsumeAsync("password-reset", "")).ShouldBeNull();
        (await Tokens.ConsumeAsync("password-reset", new string('x', 5000))).ShouldBeNull();
        (await Tokens.ConsumeAsync("password-reset", "not-a-token")).ShouldBeNull();
    }
}
