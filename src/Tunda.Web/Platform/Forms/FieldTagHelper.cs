using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Tunda.Web.Platform.Forms;

/// <summary>
/// One form field with its label, hint and validation message: <c>&lt;field for="Input.Email" /&gt;</c>.
/// Label and hint come from <c>[Display(Name = "field.x", Description = "field.x.hint")]</c> (text keys),
/// the input from the property as <c>asp-for</c> would make it ([DataType], [EmailAddress], bool for a
/// checkbox, MultilineText for a text area). It composes the framework's own tag helpers with the page's
/// model expression, so the property's metadata (and its localised display name) is never lost, which a
/// partial view given <c>for=</c> does: it re-creates the metadata from the value's type.
/// </summary>
[HtmlTargetElement("field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    /// <summary>Extra attributes for the input (e.g. autocomplete="new-password"), copied as given.</summary>
    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var metadata = For.Metadata;
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, generator.IdAttributeDotReplacement);
        var invalid = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;
        var hintId = id + "-hint";
        var errorId = id + "-error";
        var describedBy = string.Join(' ', new[] { metadata.Description is null ? null : hintId, invalid ? errorId : null }.OfType<string>());
        var isCheckbox = metadata.ModelType == typeof(bool);

        var controlAttributes = new List<TagHelperAttribute>();
        if (invalid)
        {
            controlAttributes.Add(new("aria-invalid", "true"));
        }

        if (describedBy.Length > 0)
        {
            controlAttributes.Add(new("aria-describedby", describedBy));
        }

        if (Autocomplete is not null)
        {
            controlAttributes.Add(new("autocomplete", Autocomplete));
        }

        var label = await RunAsync(new LabelTagHelper(generator) { For = For, ViewContext = ViewContext }, "label", TagMode.StartTagAndEndTag, []);
        var control = metadata.DataTypeName == "MultilineText"
            ? await RunAsync(new TextAreaTagHelper(generator) { For = For, ViewContext = ViewContext }, "textarea", TagMode.StartTagAndEndTag, [.. controlAttributes, new("rows", "6")])
            : await RunAsync(new InputTagHelper(generator) { For = For, ViewContext = ViewContext }, "input", TagMode.SelfClosing, controlAttributes);
        var message = await RunAsync(new ValidationMessageTagHelper(generator) { For = For, ViewContext = ViewContext }, "span", TagMode.StartTagAndEndTag, [new("class", "field-error"), new("id", errorId)]);

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field" + (invalid ? " field-invalid" : "") + (isCheckbox ? " field-check" : ""));
        var content = output.Content;
        if (isCheckbox)
        {
            content.AppendHtml(control).AppendHtml(label);
        }
        else
        {
            content.AppendHtml(label).AppendHtml(control);
        }

        if (metadata.Description is { } hint)
        {
            var paragraph = new TagBuilder("p");
            paragraph.AddCssClass("field-hint");
            paragraph.Attributes["id"] = hintId;
            paragraph.InnerHtml.Append(hint);
            content.AppendHtml(paragraph);
        }

        content.AppendHtml(message);
    }

    private static async Task<TagHelperOutput> RunAsync(TagHelper helper, string tagName, TagMode mode, IEnumerable<TagHelperAttribute> attributes)
    {
        var list = new TagHelperAttributeList(attributes);
        var context = new TagHelperContext(tagName, new TagHelperAttributeList(list), new Dictionary<object, object>(), Guid.NewGuid().ToString("N"));
        var output = new TagHelperOutput(tagName, list, (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent())) { TagMode = mode };
        helper.Init(context);
        await helper.ProcessAsync(context, output);
        return output;
    }
}
