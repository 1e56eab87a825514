using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Tunda.Domain.Identity;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Platform.Input;

/// <summary>
/// Form fields and query values bound by pages go through <see cref="TextPolicy"/>: a refused text
/// is recorded (<see cref="RefusedText"/>: no handler runs, the error page names the field), an
/// accepted one is normalised to NFC. Multi-line where the property is <c>[DataType(DataType.MultilineText)]</c>,
/// within the field's own bound where it has one (<see cref="TextBound"/>).
/// </summary>
public sealed class TextModelBinder(IModelBinder inner, bool multiLine, int? maxLength) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        await inner.BindModelAsync(bindingContext);
        if (!bindingContext.Result.IsModelSet || bindingContext.Result.Model is not string value)
        {
            return;
        }

        if (TextPolicy.Check(value, multiLine, maxLength) is { } fault)
        {
            var texts = bindingContext.HttpContext.RequestServices.GetRequiredService<Texts>();
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, texts[TextPolicy.MessageKey(fault)]);
            RefusedText.Add(bindingContext.HttpContext, bindingContext.ModelMetadata.GetDisplayName());
            bindingContext.Result = ModelBindingResult.Failed();
            return;
        }

        bindingContext.Result = ModelBindingResult.Success(TextPolicy.Normalise(value));
    }
}

public sealed class TextModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Metadata.ModelType != typeof(string))
        {
            return null;
        }

        var inner = new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>());
        var multiLine = context.Metadata.DataTypeName == nameof(System.ComponentModel.DataAnnotations.DataType.MultilineText);
        return new TextModelBinder(inner, multiLine, TextBound.Of(context.Metadata, context.Services.GetService<PasswordPolicy>() ?? PasswordPolicy.Default));
    }
}
