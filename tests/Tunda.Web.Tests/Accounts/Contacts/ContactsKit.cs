using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Domain.Logins;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests.Accounts.Contacts;

/// <summary>Steps the contact tests share: invite through the page, read the link from the mail, accept it.</summary>
internal static partial class ContactsKit
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public const string NewPassword = "Cielo-sereno-su-Como!";

    /// <summary>Invites through /contatti/nuovo and answers the redirect it leads to.</summary>
    public static Task<HttpResponseMessage> InviteAsync(this HttpClient client, string name, string email, string[] permissions, string[]? notifications = null) =>
        client.PostFormAsync("/contatti/nuovo", [
            new("Input.Name", name),
            new("Input.Email", email),
            .. permissions.Select(p => new KeyValuePair<string, string>("Input.Permissions", p)),
            .. (notifications ?? []).Select(n => new KeyValuePair<string, string>("Input.Notifications", n)),
        ]);

    /// <summary>The invitation mail sent to <paramref name="email"/> (the latest one) and the link in it.</summary>
    public static async Task<(ReceivedMail Mail, string Link, string Token)> InvitationAsync(this AccountsApp app, string email, int nth = 1)
    {
        await TestMessages.EventuallyAsync(() => Task.FromResult(app.Mail.Received.Count(m => m.Recipients.Contains(email)) >= nth), $"invitation mail {nth} to {email}");
        var mail = app.Mail.Received.Where(m => m.Recipients.Contains(email)).ElementAt(nth - 1);
        var body = mail.TextBody();
        var match = InvitationLink().Match(body);
        match.Success.ShouldBeTrue($"no invitation link in: {body}");
        return (mail, match.Value, match.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> AcceptAsync(this HttpClient anonymous, string token, string password, string? confirm = null) =>
        anonymous.PostFormAsync($"/invito?token={token}", [new("Password", password), new("PasswordConfirm", confirm ?? password), new("token", token)]);

    public static async Task<SignInResult> SignInResultAsync(this AccountsApp app, string email, string password)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignInService>().PasswordSignInAsync(LoginRealm.Customer, email, password, IPAddress.Loopback, null);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static HttpRequestMessage Json(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = JsonContent.Create(body ?? new { }) };

    [GeneratedRegex(@"https://area\.tunda\.test/invito\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex InvitationLink();
}
