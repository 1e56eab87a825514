using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tunda.Domain.Identity;

namespace Tunda.Web.Platform.Input;

/// <summary>
/// A field's own length bound, below <see cref="TextPolicy"/>'s caps, for fields the domain does not
/// already bound: <c>[MaxLength(n)]</c> (or <c>[StringLength(n)]</c>) on the property, with <c>n</c> a
/// constant of whoever decides it. The API refuses a longer value while reading the body (400 naming the
/// field), a page while binding its form (the 400 refusal page naming the field, no handler run). A page
/// field marked as an e-mail or a password is bounded by what decides those (<see cref="EmailAddress.MaxLength"/>,
/// the configured <see cref="PasswordPolicy.MaxLength"/>), so a sign-in form refuses what no account can hold.
/// </summary>
public static class TextBound
{
    public static int? Of(ICustomAttributeProvider? member) => Of(member?.GetCustomAttributes(inherit: true) ?? []);

    public static int? Of(ModelMetadata field, PasswordPolicy passwords)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(passwords);
        return Of(field.ValidatorMetadata) ?? field.DataTypeName switch
        {
            nameof(DataType.EmailAddress) => EmailAddress.MaxLength,
            nameof(DataType.Password) => passwords.MaxLength,
            _ => null,
        };
    }

    private static int? Of(IEnumerable<object> attributes) => attributes.Select(attribute => attribute switch
    {
        MaxLengthAttribute { Length: > 0 } max => max.Length,
        StringLengthAttribute length => length.MaximumLength,
        _ => (int?)null,
    }).FirstOrDefault(bound => bound is not null);
}
