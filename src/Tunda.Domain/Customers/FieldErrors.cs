namespace Tunda.Domain.Customers;

/// <summary>
/// Collects one error per invalid field, so a form gets every problem at once. Every error has the
/// code <see cref="Code"/> and names its field in <see cref="DomainError.Field"/> (camelCase, as in
/// the API's JSON) and in the message.
/// </summary>
internal sealed class FieldErrors
{
    public const string Code = "customer.invalid_field";

    private readonly List<DomainError> _errors = [];

    public IReadOnlyList<DomainError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add(new DomainError(Code, $"{field}: {message}", field));

    /// <summary>Trims <paramref name="value"/>; records an error when it is empty or longer than <paramref name="maxLength"/>.</summary>
    public string Required(string field, string? value, int maxLength = 100)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            Add(field, "is required.");
        }
        else if (text.Length > maxLength)
        {
            Add(field, $"has at most {maxLength} characters.");
        }

        return text;
    }

    /// <summary>The parsed value, or null after recording the parser's message for <paramref name="field"/>.</summary>
    public T? Valid<T>(string field, Validated<T> result)
        where T : class
    {
        if (!result.IsValid)
        {
            Add(field, result.Error!.Message);
        }

        return result.Value;
    }
}
