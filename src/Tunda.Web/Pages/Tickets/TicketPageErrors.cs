using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Pages.Tickets;

/// <summary>A refused ticket command on its form: each error next to its field (Input.Subject for "subject"), the rest above.</summary>
public static class TicketPageErrors
{
    public static void Show(ModelStateDictionary state, InvokeResult result, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var error in result.Errors)
        {
            var key = error.Field is { Length: > 0 } field ? $"Input.{char.ToUpperInvariant(field[0])}{field[1..]}" : string.Empty;
            state.AddModelError(key, texts.Error(error));
        }
    }
}
