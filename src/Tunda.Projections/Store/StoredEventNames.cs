using Tunda.Domain.Customers;
using Tunda.Domain.Inbound;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Domain.Tickets;

namespace Tunda.Projections.Store;

/// <summary>
/// The name every event type is stored under in Marten's <c>mt_events.type</c>: today's snake_case
/// aliases, so renaming a class never orphans stored events. Never change a name: map an old one.
/// A test pins the whole list.
/// </summary>
public static class StoredEventNames
{
    public static IReadOnlyDictionary<Type, string> All { get; } = new Dictionary<Type, string>
    {
        [typeof(CustomerRegistered)] = "customer_registered",
        [typeof(CustomerEmailConfirmed)] = "customer_email_confirmed",
        [typeof(CustomerDetailsChanged)] = "customer_details_changed",
        [typeof(LoginEmailChangeRequested)] = "login_email_change_requested",
        [typeof(LoginEmailChanged)] = "login_email_changed",
        [typeof(CustomerBlocked)] = "customer_blocked",
        [typeof(CustomerUnblocked)] = "customer_unblocked",
        [typeof(ContactInvited)] = "contact_invited",
        [typeof(ContactActivated)] = "contact_activated",
        [typeof(ContactChanged)] = "contact_changed",
        [typeof(ContactBlocked)] = "contact_blocked",
        [typeof(ContactUnblocked)] = "contact_unblocked",
        [typeof(ContactDeleted)] = "contact_deleted",
        [typeof(PasswordSet)] = "password_set",
        [typeof(PasswordResetRequested)] = "password_reset_requested",
        [typeof(TwoFactorEnabled)] = "two_factor_enabled",
        [typeof(TwoFactorDisabled)] = "two_factor_disabled",
        [typeof(RecoveryCodesRegenerated)] = "recovery_codes_regenerated",
        [typeof(RecoveryCodeUsed)] = "recovery_code_used",
        [typeof(SignedIn)] = "signed_in",
        [typeof(SignedOut)] = "signed_out",
        [typeof(UsernameRecoveryRequested)] = "username_recovery_requested",
        [typeof(StaffMemberAdded)] = "staff_member_added",
        [typeof(StaffRolesChanged)] = "staff_roles_changed",
        [typeof(StaffMemberBlocked)] = "staff_member_blocked",
        [typeof(StaffMemberUnblocked)] = "staff_member_unblocked",
        [typeof(InboundMailReceived)] = "inbound_mail_received",
        [typeof(InboundMailQuarantined)] = "inbound_mail_quarantined",
        [typeof(TicketOpened)] = "ticket_opened",
        [typeof(CustomerWrote)] = "customer_wrote",
        [typeof(StaffReplied)] = "staff_replied",
        [typeof(InternalNoteAdded)] = "internal_note_added",
        [typeof(AutomaticReplyAppended)] = "automatic_reply_appended",
        [typeof(TicketClosed)] = "ticket_closed",
        [typeof(TicketReopened)] = "ticket_reopened",
        [typeof(TicketStatusChanged)] = "ticket_status_changed",
        [typeof(TicketAssigned)] = "ticket_assigned",
        [typeof(TicketUnassigned)] = "ticket_unassigned",
        [typeof(TicketDepartmentChanged)] = "ticket_department_changed",
        [typeof(TicketPriorityChanged)] = "ticket_priority_changed",
        [typeof(TicketHeldForVerification)] = "ticket_held_for_verification",
        [typeof(TicketSenderVerified)] = "ticket_sender_verified",
        [typeof(TicketRejected)] = "ticket_rejected",
        [typeof(TicketDeliveryFailed)] = "ticket_delivery_failed",
        [typeof(TicketMergedInto)] = "ticket_merged_into",
        [typeof(TicketMergedFrom)] = "ticket_merged_from",
    };
}
