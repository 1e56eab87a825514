namespace Tunda.Mail.Classification;

/// <summary>Subject markers of out-of-office answers, in the languages our customers' mail clients use.</summary>
internal static class OutOfOfficeSubjects
{
    // Prefixes that clients put before the original subject of an absence answer. A person's reply
    // starts with "Re:" instead, so these are trusted even without an Auto-Submitted header (some
    // webmails send vacation answers without one). A bare "Auto-Reply:" is not here: ticket systems
    // use it for their acknowledgements, which are automatic answers but no absence.
    private static readonly string[] Prefixes =
    [
        "Automatic reply:", "Risposta automatica:", "Out of Office:", "Out of Office AutoReply:",
        "Abwesenheitsnotiz:", "Automatische Antwort:",
        "Réponse automatique :", "Réponse automatique:", "Respuesta automática:", "Resposta automática:",
        "Risposta automatica di assenza:", "Fuori sede:", "Assente:", "Out of office reply:",
        "Automatisch antwoord:", "Autosvar:", "Automaattinen vastaus:", "Odpowiedź automatyczna:",
    ];

    // Prefixes of automatic answers in general (ticket acknowledgements, autoresponders): automatic,
    // but they say nothing of an absence.
    private static readonly string[] AutomaticPrefixes =
        ["Auto-Reply:", "Autoreply:", "Auto Reply:", "AutoReply:", "Auto-Response:", "Auto Response:", "Automatic response:"];

    // Words that name an absence anywhere in the subject; only believed together with a header that
    // says the mail was sent by a program, because a person may well write "assente" in a subject.
    private static readonly string[] Words =
    [
        "out of office", "out of the office", "fuori sede", "fuori ufficio", "assente", "assenza", "ferie", "vacanza", "vacanze", "vacation", "holiday",
        "on leave", "abwesenheit", "abwesend", "absence", "absent", "congés", "fuera de la oficina",
    ];

    public static bool HasPrefix(string subject)
    {
        var trimmed = subject.TrimStart();
        return Prefixes.Any(p => trimmed.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    public static bool HasAutomaticPrefix(string subject)
    {
        var trimmed = subject.TrimStart();
        return AutomaticPrefixes.Any(p => trimmed.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    public static bool MentionsAbsence(string subject) =>
        Words.Any(w => subject.Contains(w, StringComparison.OrdinalIgnoreCase));
}
