using Tunda.Messaging;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>Every staff use case's handlers (AccountHandlers calls this once).</summary>
internal static class StaffHandlers
{
    public static void Register(MessagingOptions messaging, IServiceProvider services)
    {
        StaffMemberHandlers.Register(messaging, services);
        StaffSignInHandlers.Register(messaging, services);
        CustomerSupportHandlers.Register(messaging, services);
        Demo.DemoSeedHandlers.Register(messaging, services);
    }
}
