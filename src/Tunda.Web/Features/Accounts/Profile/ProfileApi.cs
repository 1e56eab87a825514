using System.ComponentModel.DataAnnotations;
using Tunda.Domain;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Features.Accounts.Profile;

public sealed record ForgotPasswordRequest(string? Email);

public sealed record ResetPasswordRequest(string? Token, string? Password);

public sealed record UsernameRecoveryRequest(string? Name, string? ClaimedEmail, string? ContactEmail, string? CompanyOrCodiceFiscale, [property: DataType(DataType.MultilineText)] string? Message);

public sealed record ProfileUpdate(
    long Version, string? Street, string? City, string? Zip, string? Province, string? Country, string? Phone, string? Pec, string? CodiceDestinatario, string? Language,
    string? FirstName = null, string? LastName = null, string? CompanyName = null, string? CodiceFiscale = null, string? VatNumber = null);

public sealed record LoginEmailRequest(string? NewEmail, string? Password);

public sealed record TokenRequest(string? Token);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed record CodeRequest(string? Code);

public sealed record PasswordRequest(string? Password);

/// <summary>The JSON side of the profile feature: the same commands the pages send.</summary>
internal static class ProfileApi
{
    public static void MapProfileApi(this IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapApi(tag: "Password and username").AllowAnonymous();
        open.MapPost("/password/forgot", ForgotAsync).RequireRateLimiting(RateLimitPolicies.PasswordReset);
        open.MapPost("/password/reset", ResetAsync).RequireRateLimiting(RateLimitPolicies.PasswordReset);
        open.MapPost("/username/recover", RecoverUsernameAsync).RequireRateLimiting(RateLimitPolicies.UsernameRecovery);
        open.MapPost("/profile/email/confirm", ConfirmEmailAsync).RequireRateLimiting(RateLimitPolicies.PasswordReset);

        var profile = endpoints.MapApi("/profile", "Profile");
        profile.MapGet("", GetAsync).RequirePermission(Permissions.Profile);
        profile.MapPut("", PutAsync).RequirePermission(Permissions.Profile);
        profile.MapPost("/email", ChangeEmailAsync).RequirePermission(Permissions.Profile);
        profile.MapPost("/password", ChangePasswordAsync).RequireAuthorization();
        profile.MapPost("/two-factor", BeginTwoFactorAsync).RequireAuthorization();
        profile.MapPost("/two-factor/confirm", ConfirmTwoFactorAsync).RequireAuthorization();
        profile.MapPost("/two-factor/disable", DisableTwoFactorAsync).RequireAuthorization();
        profile.MapPost("/two-factor/recovery-codes", RegenerateCodesAsync).RequireAuthorization();
    }

    private static string Language(HttpContext http) => Languages.Of(http).TwoLetterISOLanguageName;

    private static async Task<IResult> ForgotAsync(ForgotPasswordRequest body, HttpContext http, ICommandSender bus)
    {
        if (ProfileForms.InvalidEmail(body.Email, "email") is { } invalid)
        {
            return ProfileErrors.Problem([invalid]);
        }

        await bus.PublishAsync(new PasswordResetWanted(body.Email!, Language(http)), RequestMetadata.For(http));
        return Results.Accepted(value: new { message = ProfileForms.ForgotAnswer(http) });
    }

    private static async Task<IResult> ResetAsync(ResetPasswordRequest body, HttpContext http, ICommandSender bus) =>
        Outcome(await bus.InvokeAsync(new ResetPasswordWithToken(body.Token ?? string.Empty, body.Password ?? string.Empty, null, Language(http)), RequestMetadata.For(http)), _ => Results.NoContent());

    private static async Task<IResult> RecoverUsernameAsync(UsernameRecoveryRequest body, HttpContext http, ICommandSender bus)
    {
        var request = new RequestUsernameRecovery(Guid.NewGuid(), body.Name ?? string.Empty, body.ClaimedEmail ?? string.Empty, body.ContactEmail ?? string.Empty, body.CompanyOrCodiceFiscale, body.Message ?? string.Empty);
        return Outcome(await bus.InvokeAsync(new AskUsernameRecovery(request, Language(http)), RequestMetadata.For(http)),
            _ => Results.Accepted(value: new { reference = UsernameRecoveryHandler.ReferenceOf(request.RequestId) }));
    }

    private static async Task<IResult> GetAsync(HttpContext http, ProfileReader reader)
    {
        var view = await reader.ReadAsync(http.User.GetCustomerId()!.Value, http.RequestAborted);
        return view is null ? ProfileErrors.Problem(CustomerErrors.NotFound(http.User.GetCustomerId()!.Value)) : Results.Ok(view);
    }

    private static async Task<IResult> PutAsync(ProfileUpdate body, HttpContext http, ICommandSender bus, ProfileReader reader)
    {
        var customerId = http.User.GetCustomerId()!.Value;
        var change = new ChangeCustomerDetails(customerId,
            new CustomerDetailsInput(body.Street, body.City, body.Zip, body.Province, body.Country, body.Phone, body.Pec, body.CodiceDestinatario, body.Language),
            body.FirstName, body.LastName, body.CompanyName, body.CodiceFiscale, body.VatNumber);
        var result = await bus.InvokeAsync(new EditProfile(change, body.Version), RequestMetadata.For(http));
        if (result.Error is { Code: "customer.legal_fields_immutable" } legal)
        {
            return ProfileErrors.Problem([.. ProfileDetails.LegalFieldsSent(change).Select(legal.For)], legal.Code);
        }

        return result.Succeeded ? Results.Ok(await reader.ReadAsync(customerId, http.RequestAborted)) : Outcome(result, _ => Results.Ok());
    }

    private static async Task<IResult> ChangeEmailAsync(LoginEmailRequest body, HttpContext http, ICommandSender bus)
    {
        if (http.User.GetContactId() is not null)
        {
            return ProfileErrors.Problem(ProfileErrors.Error(ProfileErrors.NotMainAccount));
        }

        return Outcome(await bus.InvokeAsync(new StartLoginEmailChange(http.User.GetCustomerId()!.Value, body.NewEmail ?? string.Empty, body.Password ?? string.Empty, Language(http)), RequestMetadata.For(http)),
            email => Results.Accepted(value: new { pendingEmail = email }));
    }

    private static async Task<IResult> ConfirmEmailAsync(TokenRequest body, HttpContext http, ICommandSender bus) =>
        Outcome(await bus.InvokeAsync(new ConfirmLoginEmailWithToken(body.Token ?? string.Empty, Language(http)), RequestMetadata.For(http)), email => Results.Ok(new { email }));

    private static async Task<IResult> ChangePasswordAsync(PasswordChangeRequest body, HttpContext http, ICommandSender bus) =>
        Outcome(await bus.InvokeAsync(new ChangeOwnPassword(http.User.GetRealm() ?? LoginRealm.Customer, http.User.GetEmail()!, body.CurrentPassword ?? string.Empty, body.NewPassword ?? string.Empty, null, http.User.GetSessionId(), Language(http)), RequestMetadata.For(http)),
            _ => Results.NoContent());

    private static async Task<IResult> BeginTwoFactorAsync(HttpContext http, TwoFactorSetup setup)
    {
        var enrolment = await setup.BeginAsync(http.User.GetRealm() ?? LoginRealm.Customer, http.User.GetEmail()!, http.RequestAborted);
        return enrolment is null
            ? ProfileErrors.Problem(LoginDecider.TwoFactorAlreadyEnabled)
            : Results.Ok(new { secret = enrolment.Secret, uri = enrolment.Uri, qrCodeDataUri = enrolment.QrCodeDataUri });
    }

    private static async Task<IResult> ConfirmTwoFactorAsync(CodeRequest body, HttpContext http, ICommandSender bus) =>
        Outcome(await bus.InvokeAsync(new ConfirmOwnTwoFactor(http.User.GetRealm() ?? LoginRealm.Customer, http.User.GetEmail()!, body.Code), RequestMetadata.For(http)),
            codes => Results.Ok(new { recoveryCodes = codes }));

    private static async Task<IResult> DisableTwoFactorAsync(PasswordRequest body, HttpContext http, ICommandSender bus) =>
        Outcome(await bus.InvokeAsync(new DisableOwnTwoFactor(http.User.GetRealm() ?? LoginRealm.Customer, http.User.GetEmail()!, body.Password), RequestMetadata.For(http)),
            _ => Results.NoContent());

    private static async Task<IResult> RegenerateCodesAsync(HttpContext http, ICommandSender bus) =>
        Outcome(await bus.InvokeAsync(new RegenerateOwnRecoveryCodes(http.User.GetRealm() ?? LoginRealm.Customer, http.User.GetEmail()!), RequestMetadata.For(http)),
            codes => Results.Ok(new { recoveryCodes = codes }));

    private static IResult Outcome(InvokeResult result, Func<object?, IResult> succeeded) => result.Status switch
    {
        InvokeStatus.Succeeded => succeeded(result.Value),
        InvokeStatus.Conflict => ProfileErrors.Problem(DomainError.Conflict("stale")),
        _ => ProfileErrors.Problem(result.Errors),
    };
}
