using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.EventStore;

namespace Tunda.Projections;

/// <summary>The stored names of the account events. Never change one: map an old alias instead.</summary>
public static class EventAliases
{
    public static void RegisterAccounts(EventTypes events)
    {
        ArgumentNullException.ThrowIfNull(events);
        events
            .Register<CustomerRegistered>("customer_registered")
            .Register<CustomerEmailConfirmed>("customer_email_confirmed")
            .Register<CustomerDetailsChanged>("customer_details_changed")
            .Register<LoginEmailChangeRequested>("login_email_change_requested")
            .Register<LoginEmailChanged>("login_email_changed")
            .Register<CustomerBlocked>("customer_blocked")
            .Register<CustomerUnblocked>("customer_unblocked")
            .Register<ContactInvited>("contact_invited")
            .Register<ContactActivated>("contact_activated")
            .Register<ContactChanged>("contact_changed")
            .Register<ContactBlocked>("contact_blocked")
            .Register<ContactUnblocked>("contact_unblocked")
            .Register<ContactDeleted>("contact_deleted")
            .Register<PasswordSet>("password_set")
            .Register<PasswordResetRequested>("password_reset_requested")
            .Register<TwoFactorEnabled>("two_factor_enabled")
            .Register<TwoFactorDisabled>("two_factor_disabled")
            .Register<RecoveryCodesRegenerated>("recovery_codes_regenerated")
            .Register<RecoveryCodeUsed>("recovery_code_used")
            .Register<SignedIn>("signed_in")
            .Register<SignedOut>("signed_out")
            .Register<UsernameRecoveryRequested>("username_recovery_requested")
            .Register<StaffMemberAdded>("staff_member_added")
            .Register<StaffRolesChanged>("staff_roles_changed")
            .Register<StaffMemberBlocked>("staff_member_blocked")
            .Register<StaffMemberUnblocked>("staff_member_unblocked");
    }
}
