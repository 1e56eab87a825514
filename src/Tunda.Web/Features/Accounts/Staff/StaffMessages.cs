using Tunda.Domain.Staff;

namespace Tunda.Web.Features.Accounts.Staff;

// The staff use cases' commands. Customer actions wrap the domain commands in records of their own,
// so another feature may handle the same domain command (e.g. BlockCustomer) without a clash.

/// <summary>Adds a staff member and mails a one-time invitation link (7 days) to set a password.</summary>
public sealed record InviteStaffMember(Guid StaffId, string Name, string Email, StaffRoles Roles, string Language, bool SendMail = true);

/// <summary>What an invitation produced: the link also mailed (the CLI prints it once).</summary>
public sealed record StaffInvitation(Guid StaffId, string Email, Uri Link, string Token);

/// <summary>The invitee chose a password through the link.</summary>
public sealed record AcceptStaffInvitation(string Token, string Password);

/// <summary>First sign-in: the code from the new authenticator turns TOTP on; the result holds the recovery codes.</summary>
public sealed record ConfirmStaffTwoFactor(string SessionId, string Email, string Code);

public sealed record StaffRecoveryCodes(IReadOnlyList<string> Codes);

public sealed record RecordStaffSignIn(Guid LoginId, bool UsedRecoveryCode);

public sealed record RecordStaffSignOut(Guid LoginId);

public sealed record ChangeMemberRoles(Guid StaffId, StaffRoles Roles);

public sealed record BlockMember(Guid StaffId);

public sealed record UnblockMember(Guid StaffId);

/// <summary>Staff move a customer's login to a new address (lost mailbox, after an identity check).</summary>
public sealed record StaffChangeCustomerLoginEmail(Guid CustomerId, string NewEmail);

public sealed record StaffBlockCustomer(Guid CustomerId, string Reason);

public sealed record StaffUnblockCustomer(Guid CustomerId);

/// <summary>Mails the customer's login a reset link; staff never see or set the password.</summary>
public sealed record StaffStartPasswordReset(Guid CustomerId);
