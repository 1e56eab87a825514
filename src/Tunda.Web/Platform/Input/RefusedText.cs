namespace Tunda.Web.Platform.Input;

/// <summary>
/// The form fields of this request whose text <see cref="TextPolicy"/> refused, kept on the request
/// so that no page handler runs (<see cref="RefusedTextPageFilter"/>) and the error page can name them.
/// </summary>
public static class RefusedText
{
    private static readonly object Key = new();

    /// <summary>A field by the name the form shows; null when the form could not even be read.</summary>
    public static void Add(HttpContext context, string? field)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[Key] is not List<string> fields)
        {
            context.Items[Key] = fields = [];
        }

        if (field is not null && !fields.Contains(field))
        {
            fields.Add(field);
        }
    }

    /// <summary>The refused fields' names (possibly none named), or null when nothing was refused.</summary>
    public static IReadOnlyList<string>? Of(HttpContext context) => context?.Items[Key] as List<string>;
}
