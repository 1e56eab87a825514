using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tunda.Domain.Staff;
using Tunda.Web.Features.Messaging;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Staff;

/// <summary>
/// /staff/messaggi-falliti: the dead letters (<see cref="DeadLetterOffice"/>, as the CLI), newest failure
/// first, each replayed or discarded by an administrator; discarding asks for confirmation first
/// (<c>?elimina=&lt;id&gt;</c>), so it works without JavaScript.
/// </summary>
[RequireStaffRole(StaffRoles.Administrator)]
public sealed class MessaggiFallitiModel(DeadLetterOffice office, Texts texts) : StaffPageModel(texts)
{
    public const int PageSize = 20;

    public DeadLetterPage Letters { get; private set; } = new([], 0, 1, PageSize);

    /// <summary>The letter whose discarding waits for confirmation.</summary>
    public DeadLetter? ToDiscard { get; private set; }

    /// <summary>A one-line outcome that did not go as asked (the letter was gone).</summary>
    [TempData]
    public string? Warning { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "pagina")] int page = 1, [FromQuery(Name = "elimina")] Guid? discard = null)
    {
        Letters = await office.PageAsync(page, PageSize, HttpContext.RequestAborted);
        if (discard is { } id)
        {
            ToDiscard = await office.FindAsync(id);
            Warning ??= ToDiscard is null ? Text("messaging.deadLetters.gone") : null;
        }
    }

    public async Task<IActionResult> OnPostReplayAsync(Guid id)
    {
        var replayed = await office.ReplayAsync(id, Actor, HttpContext.RequestAborted);
        return Done(replayed, "messaging.deadLetters.replayDone");
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid id)
    {
        var discarded = await office.DiscardAsync(id, Actor, HttpContext.RequestAborted);
        return Done(discarded, "messaging.deadLetters.discardDone");
    }

    /// <summary>The message's kind in plain words, where the texts have them; else its own short name.</summary>
    public string Kind(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var key = "messaging.type." + letter.MessageType;
        return Texts.Has(CultureInfo.CurrentUICulture, key) ? Text(key) : letter.ShortType;
    }

    public static string When(DeadLetter letter) =>
        letter.FailedAt.UtcDateTime.ToString("d MMM yyyy HH:mm:ss", CultureInfo.CurrentCulture) + " UTC";

    private IActionResult Done(DeadLetter? letter, string doneKey)
    {
        if (letter is null)
        {
            Warning = Text("messaging.deadLetters.gone");
        }
        else
        {
            Notice = Texts[doneKey, Kind(letter), letter.Id];
        }

        return RedirectToPage();
    }

    private string Actor => $"{User.GetEmail()} (staff {User.GetStaffId()})";
}
