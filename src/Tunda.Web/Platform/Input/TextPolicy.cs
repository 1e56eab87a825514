using System.Text;

namespace Tunda.Web.Platform.Input;

/// <summary>Why a text was refused; each has its message under <c>input.&lt;code&gt;</c>.</summary>
public enum TextFault
{
    /// <summary>A control character (NUL, escape, ...); in a single-line field also a line break or tab.</summary>
    ControlCharacter,

    /// <summary>Half of a surrogate pair alone: not Unicode text.</summary>
    InvalidUnicode,

    /// <summary>Longer than any field of its kind may be, or than the field's own bound.</summary>
    TooLong,
}

/// <summary>
/// The one rule for text that enters Tunda (API bodies, form fields, query strings): no control
/// characters (line breaks and tabs only in multi-line fields), valid Unicode, a bounded length;
/// accepted text is normalised to NFC, so the same name or address typed on two keyboards is the
/// same string. Per-field rules (an e-mail's shape, a name's length) stay with the domain; a field the
/// domain does not bound declares its own (<see cref="TextBound"/>).
/// </summary>
public static class TextPolicy
{
    /// <summary>Longer than any single-line value Tunda keeps (an e-mail is at most 254).</summary>
    public const int MaxSingleLine = 2_000;

    /// <summary>A message body typed into a form.</summary>
    public const int MaxMultiLine = 50_000;

    /// <param name="maxLength">The field's own bound (<see cref="TextBound"/>), if it has one.</param>
    public static TextFault? Check(string value, bool multiLine, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > Math.Min(maxLength ?? int.MaxValue, multiLine ? MaxMultiLine : MaxSingleLine))
        {
            return TextFault.TooLong;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return TextFault.InvalidUnicode;
            }
            else if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'))
            {
                return TextFault.ControlCharacter;
            }
        }

        return null;
    }

    /// <summary>The text in NFC; call only on text <see cref="Check"/> accepted.</summary>
    public static string Normalise(string value) => value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);

    /// <summary>The key of the fault's message.</summary>
    public static string MessageKey(TextFault fault) => fault switch
    {
        TextFault.ControlCharacter => "input.control_character",
        TextFault.InvalidUnicode => "input.invalid_unicode",
        _ => "input.too_long",
    };
}
