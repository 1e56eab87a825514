using Tunda.Domain.Customers;
using Tunda.Domain.Staff;

namespace Tunda.Web.Features.Accounts.Demo;

/// <summary>The demo people of a development database (README names them), with fixed ids so seeding twice finds them.</summary>
public static class DemoAccounts
{
    public const string CustomerEmail = "demo@tunda.localhost";
    public const string CustomerPassword = "Demo-password-2026!";
    public const string ContactEmail = "contabile@tunda.localhost";
    public const string ContactPassword = "Demo-password-2026!";
    public const string StaffEmail = "admin@tunda.localhost";
    public const string StaffPassword = "Staff-password-2026!";

    /// <summary>Already enrolled, so any authenticator app (or oathtool) can produce the staff codes.</summary>
    public const string StaffTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static readonly Guid CustomerId = new("0de30000-0000-4000-8000-000000000001");
    public static readonly Guid ContactId = new("0de30000-0000-4000-8000-000000000002");
    public static readonly Guid StaffId = new("0de30000-0000-4000-8000-000000000003");

    public const StaffRoles StaffMemberRoles = StaffRoles.Administrator | StaffRoles.Support | StaffRoles.Billing;

    public static RegisterCustomer Registration { get; } = new(
        CustomerId,
        CustomerKind.Company,
        FirstName: "Mario",
        LastName: "Rossi",
        CompanyName: "Pizzeria Da Mario S.r.l.",
        CodiceFiscale: "04512360159",
        VatNumber: "04512360159",
        new CustomerDetailsInput("Via Dante 12", "Milano", "20121", "MI", "IT", "+39 02 1234567", null, "0000000", "it"),
        CustomerEmail,
        TermsVersion: "2026-01",
        PrivacyVersion: "2026-01");

    public static InviteContact ContactInvitation { get; } = new(
        CustomerId, ContactId, "Ufficio contabilità", ContactEmail, Permissions.Invoices, Notifications.Invoices, AccountActor.MainAccount);
}
