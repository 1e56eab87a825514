using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tunda.Domain;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>Puts domain errors next to the page's fields ("Input.&lt;Field&gt;"), the rest on top of the form.</summary>
public static class PageErrors
{
    /// <summary>Adds every error; returns the texts of those that belong to no field on the form.</summary>
    public static IReadOnlyList<string> Add(ModelStateDictionary modelState, Texts texts, IEnumerable<DomainError> errors, IReadOnlyCollection<string> fields)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        var general = new List<string>();
        foreach (var error in errors)
        {
            var field = error.Field is { Length: > 0 } f ? char.ToUpperInvariant(f[0]) + f[1..] : null;
            if (field is not null && fields.Contains(field))
            {
                modelState.AddModelError("Input." + field, ProfileErrors.Text(texts, error));
            }
            else
            {
                general.Add(ProfileErrors.Text(texts, error));
            }
        }

        return general;
    }
}
