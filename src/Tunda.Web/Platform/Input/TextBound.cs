using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Tunda.Web.Platform.Input;

/// <summary>
/// A field's own length bound, below <see cref="TextPolicy"/>'s caps, for fields the domain does not
/// already bound: <c>[MaxLength(n)]</c> (or <c>[StringLength(n)]</c>) on the property, with <c>n</c> a
/// constant of whoever decides it. The API refuses a longer value while reading the body (400 naming the
/// field); pages validate the same attribute next to the field.
/// </summary>
public static class TextBound
{
    public static int? Of(ICustomAttributeProvider? member)
    {
        foreach (var attribute in member?.GetCustomAttributes(inherit: true) ?? [])
        {
            switch (attribute)
            {
                case MaxLengthAttribute { Length: > 0 } max:
                    return max.Length;
                case StringLengthAttribute length:
                    return length.MaximumLength;
            }
        }

        return null;
    }
}
