using System.Net;
using System.Text.RegularExpressions;
using Tunda.Domain.Staff;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Tests.Accounts.Staff;

/// <summary>Staff members made the way the product makes them: invited, password chosen, authenticator enrolled through the pages.</summary>
internal static partial class StaffKit
{
    public const string Password = "Staff-prova-2026!";

    /// <summary>The code an authenticator app shows for <paramref name="secret"/>, <paramref name="stepsAhead"/> steps from now.</summary>
    public static string Code(string secret, int stepsAhead = 0) =>
        AuthenticatorApp.CodeAt(secret, DateTimeOffset.UtcNow.AddSeconds(stepsAhead * Totp.StepSeconds));

    /// <summary>An invited member with a password, not yet enrolled.</summary>
    public static async Task<StaffInvitation> AddAsync(AccountsApp app, string email, StaffRoles roles, string name = "Anna Verdi")
    {
        var bus = app.Get<ICommandSender>();
        var invitation = (await bus.InvokeAsync(new InviteStaffMember(Guid.NewGuid(), name, email, roles, "it", SendMail: false))).ValueAs<StaffInvitation>();
        (await bus.InvokeAsync(new AcceptStaffInvitation(invitation.Token, Password))).Succeeded.ShouldBeTrue();
        return invitation;
    }

    /// <summary>A client fully signed in as a new staff member: password, then the forced TOTP enrolment.</summary>
    public static async Task<(HttpClient Client, StaffInvitation Member, IReadOnlyList<string> RecoveryCodes)> SignedInAsync(AccountsApp app, string email, StaffRoles roles)
    {
        var member = await AddAsync(app, email, roles);
        var client = app.Client();
        var signIn = await client.PostFormAsync("/staff/accedi", [new("Input.Email", email), new("Input.Password", Password)]);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.ShouldBe("/staff/accedi/attiva-2fa");
        return (client, member, await EnrolAsync(client));
    }

    /// <summary>Reads the secret off the enrolment page, answers with the app's code, returns the recovery codes shown.</summary>
    public static async Task<IReadOnlyList<string>> EnrolAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(new Uri("/staff/accedi/attiva-2fa", UriKind.Relative));
        var secret = Secret().Match(page).Groups[1].Value;
        secret.ShouldNotBeEmpty();
        page.ShouldContain("data:image/png;base64,");
        var enrolled = await client.PostFormAsync("/staff/accedi/attiva-2fa", [new("Input.Code", Code(secret))]);
        enrolled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await enrolled.Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        codes.Count.ShouldBe(RecoveryCodes.Count);
        return codes;
    }

    public static async Task<string> SecretOfAsync(AccountsApp app, string email) =>
        (await app.Get<Security.Credentials.CredentialStore>().FindAsync(Domain.Logins.LoginRealm.Staff, email))!.TotpSecret!;

    public static string LinkIn(ReceivedMail mail, string path) =>
        Link().Matches(Text(mail)).Select(m => m.Value).First(l => l.Contains(path, StringComparison.Ordinal));

    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    public static string Text(ReceivedMail mail) => mail.TextBody();


    [GeneratedRegex("id=\"totp-secret\">([A-Z2-7]+)<")]
    private static partial Regex Secret();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
