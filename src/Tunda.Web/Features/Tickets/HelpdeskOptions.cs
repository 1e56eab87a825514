namespace Tunda.Web.Features.Tickets;

/// <summary>A support department: where tickets go and the address customers write to.</summary>
public sealed class Department
{
    /// <summary>Stable key stored on tickets ("technical", "administration", "sales").</summary>
    public string Key { get; set; } = string.Empty;

    public string NameIt { get; set; } = string.Empty;

    public string NameEn { get; set; } = string.Empty;

    /// <summary>The department's mailbox, e.g. assistenza@example.it: mail to it opens tickets here, replies leave from it.</summary>
    public string Address { get; set; } = string.Empty;

    public string Name(string language) => language == "en" && NameEn.Length > 0 ? NameEn : NameIt;
}

/// <summary>A reply agents use often; <c>{nome}</c> becomes the requester's name.</summary>
public sealed class CannedReply
{
    public string Key { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public string For(string? name) => Text.Replace("{nome}", name ?? string.Empty, StringComparison.Ordinal);
}

/// <summary>Settings of the helpdesk (section <c>Tunda:Helpdesk</c>).</summary>
public sealed class HelpdeskOptions
{
    public const string Section = "Tunda:Helpdesk";

    /// <summary>Unset: Assistenza tecnica, Amministrazione and Commerciale at <see cref="MailDomain"/>.</summary>
    public List<Department> Departments { get; set; } = [];

    /// <summary>The domain of the default departments' addresses (assistenza@, amministrazione@, commerciale@).</summary>
    public string MailDomain { get; set; } = "tunda.localhost";

    /// <summary>How long after closing a customer may reopen a ticket (or reopen it by replying).</summary>
    public TimeSpan ReopenWithin { get; set; } = TimeSpan.FromDays(14);

    public int MaxAttachments { get; set; } = 5;

    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>File types customers may attach (by extension, lower case, with the dot).</summary>
    public List<string> AllowedExtensions { get; set; } =
        [".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".txt", ".log", ".csv", ".zip", ".eml", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods"];

    public IReadOnlyList<Department> DefaultDepartments() =>
    [
        new() { Key = "technical", NameIt = "Assistenza tecnica", NameEn = "Technical support", Address = "assistenza@" + MailDomain },
        new() { Key = "administration", NameIt = "Amministrazione", NameEn = "Billing and administration", Address = "amministrazione@" + MailDomain },
        new() { Key = "sales", NameIt = "Commerciale", NameEn = "Sales", Address = "commerciale@" + MailDomain },
    ];

    /// <summary>Unset: a few replies every hosting helpdesk writes daily (<see cref="DefaultCannedReplies"/>).</summary>
    public List<CannedReply> CannedReplies { get; set; } = [];

    public static IReadOnlyList<CannedReply> DefaultCannedReplies() =>
    [
        new() { Key = "presa-in-carico", Title = "Presa in carico", Text = "Gentile {nome},\n\nabbiamo preso in carico la sua richiesta e la stiamo verificando: le scriveremo appena avremo novità." },
        new() { Key = "dettagli", Title = "Richiesta di dettagli", Text = "Gentile {nome},\n\nper verificare ci servono il dominio interessato, da quando si presenta il problema e il messaggio di errore completo (anche uno screenshot)." },
        new() { Key = "risolto", Title = "Risolto", Text = "Gentile {nome},\n\nil problema è risolto. Se dovesse ripresentarsi risponda a questo ticket: lo riapriremo." },
    ];

    public Department? Find(string? key) => Departments.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.Ordinal));
}
