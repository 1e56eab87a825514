namespace Tunda.Domain.Logins;

/// <summary>The Login stream folded: what its rules need (no secret is ever part of it).</summary>
public sealed record Login
{
    public static Login Empty { get; } = new();

    public Guid Id { get; init; }

    public bool HasPassword { get; init; }

    public string Email { get; init; } = string.Empty;

    public LoginRealm Realm { get; init; }

    public bool HasTwoFactor { get; init; }

    public int RecoveryCodesLeft { get; init; }

    public int OpenSessions { get; init; }

    public Login Evolve(object @event) => @event switch
    {
        PasswordSet e => this with { Id = e.LoginId, HasPassword = true, Email = e.Email, Realm = e.Realm },
        TwoFactorEnabled => this with { HasTwoFactor = true },
        TwoFactorDisabled => this with { HasTwoFactor = false, RecoveryCodesLeft = 0 },
        RecoveryCodesRegenerated e => this with { RecoveryCodesLeft = e.Count },
        RecoveryCodeUsed => this with { RecoveryCodesLeft = Math.Max(0, RecoveryCodesLeft - 1) },
        SignedIn => this with { OpenSessions = OpenSessions + 1 },
        SignedOut => this with { OpenSessions = Math.Max(0, OpenSessions - 1) },
        _ => this,
    };

    public static Login Evolve(Login state, object @event) => state.Evolve(@event);
}
