using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Tunda.Web.Platform.Input;

/// <summary>
/// No page handler runs on a refused text: the request answers 400 and the error page (re-executed
/// by the status code pages) names the fields to correct; the browser's back button keeps what was typed.
/// </summary>
public sealed class RefusedTextPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // The error page re-executed for that 400 runs in the same request: it must still render.
        if (RefusedText.Of(context.HttpContext) is not null && context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            context.Result = new BadRequestResult();
            return;
        }

        await next();
    }
}
