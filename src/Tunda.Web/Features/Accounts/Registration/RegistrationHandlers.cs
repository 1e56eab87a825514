using Tunda.Messaging;

namespace Tunda.Web.Features.Accounts.Registration;

/// <summary>The handlers of registration, e-mail confirmation and the sign-in record.</summary>
internal static class RegistrationHandlers
{
    public static void Register(MessagingOptions messaging, IServiceProvider services)
    {
        messaging.Messages.Register<ConfirmationResendWanted>(ConfirmationResendWanted.Alias);
        messaging.Handlers
            .Aggregate(RegisterNewCustomerHandler.Create(services))
            .Handle<ConfirmationResendWanted>((message, context, ct) => ConfirmationResendHandler.HandleAsync(services, message, context, ct))
            .Handle<ConfirmEmailWithToken, object?>((command, context, ct) => ConfirmEmailWithTokenHandler.HandleAsync(services, command, context, ct))
            .Handle<RecordSignIn, object?>(SignInEventHandlers.HandleAsync)
            .Handle<RecordSignOut, object?>(SignInEventHandlers.HandleAsync);
    }
}
