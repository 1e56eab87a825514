using System.Runtime.CompilerServices;

// The response reader's edge cases (NIL, nested lists, escapes, literals split across reads) are tested
// directly; everything else is tested through the public client against a real server.
[assembly: InternalsVisibleTo("Tunda.Mail.Tests")]
