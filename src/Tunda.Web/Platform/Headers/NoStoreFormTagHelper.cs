using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Tunda.Web.Platform.Headers;

/// <summary>
/// A page holding a form is never stored by a cache: the form carries an antiforgery token and
/// often what the user typed. Razor buffers the page, so the header is still settable here.
/// </summary>
[HtmlTargetElement("form")]
public sealed class NoStoreFormTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var response = ViewContext.HttpContext.Response;
        if (!response.HasStarted)
        {
            NoStore.Apply(response);
        }
    }
}
