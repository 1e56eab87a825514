namespace Tunda.Domain.Identity;

/// <summary>
/// The password rules (bound from configuration in Web). <see cref="MaxLength"/> exists only to
/// bound hashing cost; a configured value below 128 is raised to 128, because long passphrases
/// must always be accepted.
/// </summary>
public sealed record PasswordPolicy
{
    public const int LowestAllowedMaximum = 128;

    private readonly int _maxLength = LowestAllowedMaximum;

    public int MinLength { get; init; } = 10;

    public bool RequireSpecialCharacter { get; init; } = true;

    public int MaxLength
    {
        get => _maxLength;
        init => _maxLength = Math.Max(value, LowestAllowedMaximum);
    }

    /// <summary>Refused passwords, compared ignoring case. Defaults to the list shipped with Tunda.</summary>
    public IReadOnlySet<string> CommonPasswords { get; init; } = Identity.CommonPasswords.Default;

    public static PasswordPolicy Default { get; } = new();

    /// <summary>Every rule <paramref name="password"/> breaks; empty when it is acceptable.</summary>
    public IReadOnlyList<DomainError> Check(string? password, string? email, params string?[] names)
    {
        password ??= string.Empty;
        var errors = new List<DomainError>();
        if (password.Length < MinLength)
        {
            errors.Add(Error("password.too_short", $"The password needs at least {MinLength} characters."));
        }

        if (password.Length > MaxLength)
        {
            errors.Add(Error("password.too_long", $"The password can have at most {MaxLength} characters."));
        }

        if (RequireSpecialCharacter && password.All(char.IsLetterOrDigit))
        {
            errors.Add(Error("password.no_special_character", "The password needs at least one character that is neither a letter nor a digit."));
        }

        if (PersonalData(email, names).Any(part => password.Contains(part, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(Error("password.contains_personal_data", "The password must not contain your e-mail address or your name."));
        }

        if (CommonPasswords.Contains(password) || CommonPasswords.Contains(password.ToLowerInvariant()))
        {
            errors.Add(Error("password.common", "This password is among the most used ones and is easy to guess."));
        }

        return errors;
    }

    private static IEnumerable<string> PersonalData(string? email, string?[] names)
    {
        var local = EmailAddress.Parse(email).Value?.LocalPart;
        if (local is { Length: >= 3 })
        {
            yield return local;
        }

        // "Maria Grazia" is checked as both words; parts shorter than 3 letters would refuse too much.
        foreach (var part in names.SelectMany(n => (n ?? string.Empty).Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (part.Count(char.IsLetter) >= 3)
            {
                yield return part;
            }
        }
    }

    private DomainError Error(string code, string message) => new(code, message, "password") { Values = [MinLength, MaxLength] };
}
