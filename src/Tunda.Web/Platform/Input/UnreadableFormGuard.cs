using Tunda.Web.Platform.Api;

namespace Tunda.Web.Platform.Input;

/// <summary>
/// ASP.NET Core refuses to read a form whose values hold some control characters (a NUL): left
/// alone, the antiforgery check then fails and the visitor is told the form expired. Read here
/// first, such a form is answered 400 with the page that says what is wrong.
/// </summary>
public sealed class UnreadableFormGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Once refused, the error page re-executed in the same request passes.
        if (!ApiRoutes.IsApi(context.Request) && context.Request.HasFormContentType && RefusedText.Of(context) is null)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                RefusedText.Add(context, field: null);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        await next(context);
    }
}
