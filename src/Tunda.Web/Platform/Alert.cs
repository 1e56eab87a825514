namespace Tunda.Web.Platform;

public enum AlertKind
{
    Info,
    Success,
    Warning,
    Error,
}

/// <summary>A message box on a page: <c>&lt;partial name="_Alert" model="new Alert(AlertKind.Success, text)" /&gt;</c>.</summary>
public sealed record Alert(AlertKind Kind, string Text)
{
    public string CssClass => "alert alert-" + Kind.ToString().ToLowerInvariant();

    /// <summary>Errors and warnings interrupt a screen reader; the rest wait their turn.</summary>
    public string Role => Kind is AlertKind.Error or AlertKind.Warning ? "alert" : "status";
}
