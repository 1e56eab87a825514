using System.Globalization;
using Tunda.Domain;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>
/// Domain and staff errors in the reader's language: <c>staff.error.&lt;code&gt;</c> from this
/// feature's catalogue, then the platform's <c>error.&lt;code&gt;</c>, then the domain's own message.
/// </summary>
public static class StaffTexts
{
    public static string StaffError(this Texts texts, DomainError error, CultureInfo culture) =>
        texts.Has(culture, "staff.error." + error.Code) ? texts.In(culture, "staff.error." + error.Code) : texts.Error(error, culture);

    /// <summary>The same error carrying the localised text, for ApiResults (which fall back to the message).</summary>
    public static DomainError Localised(this Texts texts, DomainError error) =>
        error with { Message = texts.StaffError(error, CultureInfo.CurrentUICulture) };
}
