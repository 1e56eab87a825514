using Tunda.Messaging;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>Handlers of the password, username and profile use cases (registered from AccountHandlers).</summary>
internal static class ProfileHandlers
{
    public static void Register(MessagingOptions messaging, IServiceProvider services)
    {
        var reset = new Lazy<PasswordReset>(() => services.GetRequiredService<PasswordReset>());
        var ownPassword = new Lazy<OwnPassword>(() => services.GetRequiredService<OwnPassword>());
        var twoFactor = new Lazy<OwnTwoFactor>(() => services.GetRequiredService<OwnTwoFactor>());
        var emailChange = new Lazy<LoginEmailChange>(() => services.GetRequiredService<LoginEmailChange>());

        messaging.Messages.Register<PasswordResetWanted>(PasswordResetWanted.Alias);
        messaging.Handlers
            .Handle<PasswordResetWanted>((m, context, ct) => reset.Value.HandleAsync(m, context, ct))
            .Handle<ResetPasswordWithToken, object?>((c, context, ct) => reset.Value.HandleAsync(c, context, ct))
            .Handle<ChangeOwnPassword, object?>((c, context, ct) => ownPassword.Value.HandleAsync(c, context, ct))
            .Handle<ConfirmOwnTwoFactor, object?>((c, context, ct) => twoFactor.Value.HandleAsync(c, context, ct))
            .Handle<DisableOwnTwoFactor, object?>((c, context, ct) => twoFactor.Value.HandleAsync(c, context, ct))
            .Handle<RegenerateOwnRecoveryCodes, object?>((c, context, ct) => twoFactor.Value.HandleAsync(c, context, ct))
            .Handle<StartLoginEmailChange, object?>((c, context, ct) => emailChange.Value.HandleAsync(c, context, ct))
            .Handle<ConfirmLoginEmailWithToken, object?>((c, context, ct) => emailChange.Value.HandleAsync(c, context, ct))
            .Aggregate(UsernameRecoveryHandler.Create())
            .Aggregate(ProfileDetails.Create());
    }
}
