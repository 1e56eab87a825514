using Microsoft.AspNetCore.Mvc;
using Tunda.Web.Features.Inbound;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Staff;

/// <summary>/staff/posta/quarantena: received mail kept but not processed, with each message's raw .eml.</summary>
[RequireStaffRole(InboundStaffApi.Readers)]
public sealed class QuarantenaModel(QuarantineList quarantine, Texts texts) : StaffPageModel(texts)
{
    public IReadOnlyList<QuarantinedMail> Messages { get; private set; } = [];

    public async Task OnGetAsync() => Messages = await quarantine.ListAsync(HttpContext.RequestAborted);

    /// <summary>The bytes exactly as received, as an attachment: a browser must never render received mail inline.</summary>
    public async Task<IActionResult> OnGetEmlAsync(Guid id) =>
        await quarantine.RawAsync(id, HttpContext.RequestAborted) is { } raw
            ? File(raw, InboundMailApi.MediaType, QuarantineList.FileName(id))
            : NotFound();
}
