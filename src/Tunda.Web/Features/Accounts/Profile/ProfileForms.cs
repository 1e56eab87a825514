using Tunda.Domain;
using Tunda.Domain.Identity;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>Small rules the pages and the API share before a command is sent.</summary>
public static class ProfileForms
{
    public static DomainError? InvalidEmail(string? email, string field) =>
        EmailAddress.Parse(email) is { IsValid: false } parsed ? parsed.Error!.For(field) : null;

    /// <summary>The one answer to a reset request, whether or not the address has an account.</summary>
    public static string ForgotAnswer(HttpContext http) =>
        http.RequestServices.GetRequiredService<Texts>().In(Languages.Of(http), "password.forgot.sent");
}
