using System.Runtime.CompilerServices;
using System.Text;

namespace Tunda.Mail;

/// <summary>
/// Makes the legacy code pages (windows-1252, ISO-2022-JP, GB2312...) known to .NET before any of
/// Tunda.Mail's code runs. MimeKit builds its charset table the first time it needs one and keeps it, so
/// the registration must come before MimeKit's first use, whichever code in this assembly makes it.
/// </summary>
internal static class CodePages
{
#pragma warning disable CA2255 // A library module initializer on purpose: the registration is process-wide and must precede MimeKit's first use.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
