using Tunda.Domain;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>Refusals of the staff use cases that are not domain rules (uniqueness, tokens, secrets).</summary>
public static class StaffErrors
{
    public static DomainError EmailTaken { get; } = new("staff.email_taken", "Another staff member already uses that e-mail address.", "email");

    public static DomainError InvalidInvitation { get; } = new("staff.invalid_invitation", "The invitation link is invalid, expired or already used.");

    public static DomainError WrongCode { get; } = new("staff.wrong_code", "The code is not valid.", "code");

    public static DomainError SelfLockout { get; } = new("staff.self_lockout", "Administrators cannot block themselves or drop their own administrator role.");

    public static DomainError CustomerEmailTaken { get; } = new("staff.customer_email_taken", "Another customer already uses that login e-mail.", "email");
}
