using Tunda.Web.Platform.Localisation;
using Tunda.Domain.Identity;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Features.Accounts.Registration;

public sealed record ConfirmEmailRequest(string? Token);

public sealed record ResendConfirmationRequest(string? Email);

/// <summary>
/// <c>POST /api/customers</c> registers (202: accepted, confirm the address by the mailed link before
/// signing in; or 422 with every field error) and
/// <c>POST /api/customers/confirm-email</c> confirms the address with the mailed token.
/// </summary>
internal static class RegistrationApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var customers = endpoints.MapApi("/customers", "Registration").AllowAnonymous();
        customers.MapPost("", RegisterAsync).RequireRateLimiting(RateLimitPolicies.Register);
        customers.MapPost("/confirm-email", ConfirmAsync).RequireRateLimiting(RateLimitPolicies.Register);
        customers.MapPost("/confirm-email/resend", ResendAsync).RequireRateLimiting(RateLimitPolicies.Register);
    }

    // An address already in use answers exactly like a new one (with an id that leads nowhere):
    // the API must not tell who has an account; the owner is told by mail instead.
    private static async Task<IResult> RegisterAsync(RegistrationInput input, CustomerRegistration registration, HttpContext http)
    {
        var outcome = await registration.RegisterAsync(input, http);
        return outcome.Accepted
            ? Results.Accepted(value: new { customerId = outcome.CustomerId, status = "confirmationSent" })
            : RegistrationProblems.Validation(outcome.Errors);
    }

    // 202 whether or not the address is an unconfirmed account: the work is queued, the answer tells nothing.
    private static async Task<IResult> ResendAsync(ResendConfirmationRequest request, ICommandSender bus, HttpContext http)
    {
        if (EmailAddress.Parse(request.Email).Value is null)
        {
            return RegistrationProblems.Problem(StatusCodes.Status422UnprocessableEntity, "register.resend.invalid_email", "register.resend.invalidEmail");
        }

        await bus.PublishAsync(new ConfirmationResendWanted(request.Email!, Languages.Of(http).TwoLetterISOLanguageName), RequestMetadata.For(http));
        return Results.Accepted(value: new { status = "confirmationSentIfUnconfirmed" });
    }

    private static async Task<IResult> ConfirmAsync(ConfirmEmailRequest request, ICommandSender bus, HttpContext http)
    {
        var result = await bus.InvokeAsync(new ConfirmEmailWithToken(request.Token), RequestMetadata.For(http), http.RequestAborted);
        return result.Succeeded
            ? Results.Ok(new { customerId = result.ValueAs<Guid>(), status = "confirmed" })
            : RegistrationProblems.Problem(StatusCodes.Status422UnprocessableEntity, RegistrationErrors.InvalidToken.Code, "register.confirm.invalid");
    }
}
