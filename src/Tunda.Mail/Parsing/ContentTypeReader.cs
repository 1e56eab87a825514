namespace Tunda.Mail.Parsing;

/// <summary>Reads Content-Type and Content-Disposition values into <see cref="ContentType"/>.</summary>
internal static class ContentTypeReader
{
    /// <summary>"type/subtype; parameters"; null when the type is missing or not of that shape.</summary>
    public static ContentType? ReadContentType(string value)
    {
        var text = WithoutComments(value);
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon < 0 ? text : text[..semicolon]).Trim().ToLowerInvariant();
        var slash = type.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == type.Length - 1)
        {
            return null;
        }

        var parameters = semicolon < 0 ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : Rfc2231Parameters.Parse(text, semicolon + 1);
        return new ContentType(type[..slash].Trim(), type[(slash + 1)..].Trim(), parameters);
    }

    /// <summary>"inline" or "attachment" (lower-cased, in <see cref="ContentType.MediaType"/> with an empty subtype) and parameters.</summary>
    public static ContentType ReadDisposition(string value)
    {
        var text = WithoutComments(value);
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        var kind = (semicolon < 0 ? text : text[..semicolon]).Trim().ToLowerInvariant();
        var parameters = semicolon < 0 ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : Rfc2231Parameters.Parse(text, semicolon + 1);
        return new ContentType(kind, "", parameters);
    }

    /// <summary>Removes (comments), nested ones too, outside quoted strings.</summary>
    public static string WithoutComments(string value)
    {
        if (!value.Contains('(', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new System.Text.StringBuilder(value.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length && (quoted || depth > 0))
            {
                if (depth == 0)
                {
                    result.Append(c).Append(value[i + 1]);
                }

                i++;
                continue;
            }

            if (depth == 0 && c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
                continue;
            }
            else if (!quoted && c == ')' && depth > 0)
            {
                depth--;
                continue;
            }

            if (depth == 0)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
