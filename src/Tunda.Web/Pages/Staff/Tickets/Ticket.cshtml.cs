using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Tunda.Domain.Inbound;
using Tunda.Domain.Tickets;
using Tunda.Projections;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Inbound;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Pages.Tickets;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Staff.Tickets;

public sealed class StaffReplyForm
{
    [Display(Name = "staffTickets.reply")]
    [DataType(DataType.MultilineText)]
    public string? Text { get; set; }

    public bool Internal { get; set; }

    public long SeenRevision { get; set; }

    public bool Confirmed { get; set; }

    public List<IFormFile> Attachments { get; set; } = [];
}

public sealed class HandlingForm
{
    public TicketStatus? Status { get; set; }

    [MaxLength(50)]
    public string? Department { get; set; }

    public TicketPriority? Priority { get; set; }

    /// <summary>A staff id, or empty for nobody.</summary>
    [MaxLength(36)]
    public string? Assignee { get; set; }
}

/// <summary>How staff verified a held mail's sender, or why they reject it.</summary>
public sealed class VerificationForm
{
    public Guid? CustomerId { get; set; }

    [Display(Name = "staffTickets.verify.note", Description = "staffTickets.verify.note.hint")]
    [DataType(DataType.MultilineText)]
    [MaxLength(TicketErrors.MaxNoteLength)]
    public string? Note { get; set; }

    public bool AddAsContact { get; set; }

    [MaxLength(20)]
    public string? Reason { get; set; }
}

/// <summary>/staff/ticket/{number}: the whole thread (notes and changes included), reply or note, handling, close and reopen. Auditors read only.</summary>
[RequireStaffRole(StaffTicketRoles.Readers)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class TicketModel(IQuerySession session, ICommandSender bus, HelpdeskOptions options, QuarantineList mails, Texts texts) : StaffPageModel(texts)
{
    [BindProperty]
    public StaffReplyForm Input { get; set; } = new();

    [BindProperty]
    public HandlingForm Handling { get; set; } = new();

    [BindProperty]
    public VerificationForm Verification { get; set; } = new();

    public TicketThread Thread { get; private set; } = null!;

    /// <summary>What our mail server said of each mailed message (SPF, DKIM, DMARC), by mail id.</summary>
    public IReadOnlyDictionary<Guid, InboundMailReceived> Received { get; private set; } = new Dictionary<Guid, InboundMailReceived>();

    /// <summary>For a held ticket: the accounts its sender's address reaches, whatever their state, to choose from.</summary>
    public IReadOnlyList<Tunda.Projections.AccountAccess> Candidates { get; private set; } = [];

    public IReadOnlyList<StaffDirectoryEntry> Staff { get; private set; } = [];

    public HelpdeskOptions Options => options;

    public bool CanWork => StaffTicketRoles.CanWork(User.GetStaffRoles());

    /// <summary>The reply was refused because the ticket changed: the form asks to confirm.</summary>
    public bool AskToConfirm { get; private set; }

    /// <param name="modello">A canned reply's key: its text, with the requester's name, fills the reply box (no script needed).</param>
    public async Task<IActionResult> OnGetAsync(string number, string? modello, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }

        Input.Text = options.CannedReplies.FirstOrDefault(c => c.Key == modello)?.For(Thread.State.Requester?.Name);

        Handling = new HandlingForm { Department = Thread.State.Department, Priority = Thread.State.Priority, Assignee = Thread.State.AssigneeId?.ToString() };
        Input.SeenRevision = Thread.Revision;
        return Page();
    }

    /// <summary>A mailed message of this ticket exactly as received, as a download (never rendered).</summary>
    public async Task<IActionResult> OnGetEmlAsync(string number, Guid mail, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) && Thread.Entries.Any(e => e.Post?.MailId == mail) && await mails.RawAsync(mail, cancellationToken) is { } raw
            ? File(raw, InboundMailApi.MediaType, QuarantineList.FileName(mail))
            : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(string number, CancellationToken cancellationToken)
    {
        var uploads = await Uploads.ReadAsync(Input.Attachments, options.MaxAttachmentBytes, cancellationToken);
        return await ActAsync(number, "staffTickets.done.reply", thread =>
            new PostAsStaff(thread.TicketId, User.GetStaffId()!.Value, Input.Text ?? string.Empty, Input.Internal, Input.SeenRevision, Input.Confirmed, uploads), cancellationToken);
    }

    public Task<IActionResult> OnPostHandlingAsync(string number, CancellationToken cancellationToken) =>
        ActAsync(number, "staffTickets.done.handling", thread => new ChangeTicketHandling(thread.TicketId, User.GetStaffId()!.Value, Handling.Status,
            Handling.Department, Handling.Priority, string.IsNullOrEmpty(Handling.Assignee) ? null : Guid.TryParse(Handling.Assignee, out var assignee) ? assignee : Guid.Empty,
            string.IsNullOrEmpty(Handling.Assignee)), cancellationToken);

    /// <summary>The number of the ticket this one is merged into.</summary>
    [BindProperty]
    [MaxLength(20)]
    public string? MergeTarget { get; set; }

    public Task<IActionResult> OnPostMergeAsync(string number, CancellationToken cancellationToken) =>
        ActAsync(number, "staffTickets.done.merged", thread => new MergeTicket(thread.TicketId, MergeTarget ?? string.Empty, User.GetStaffId()!.Value), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(string number, CancellationToken cancellationToken) =>
        ActAsync(number, "staffTickets.done.closed", thread => new CloseAsStaff(thread.TicketId, User.GetStaffId()!.Value), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(string number, CancellationToken cancellationToken) =>
        ActAsync(number, "staffTickets.done.reopened", thread => new ReopenAsStaff(thread.TicketId, User.GetStaffId()!.Value), cancellationToken);

    public Task<IActionResult> OnPostVerifyAsync(string number, CancellationToken cancellationToken) =>
        ActAsync(number, "staffTickets.done.verified", thread => new VerifyHeldTicket(thread.TicketId, User.GetStaffId()!.Value,
            Verification.CustomerId ?? Guid.Empty, Verification.Note ?? string.Empty, Verification.AddAsContact), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(string number, CancellationToken cancellationToken) =>
        ActAsync(number, "staffTickets.done.rejected", thread => new RejectHeldMail(thread.TicketId, User.GetStaffId()!.Value,
            Verification.Reason ?? string.Empty, Verification.Note ?? string.Empty), cancellationToken);

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        if (TicketNumber.Parse(number) is not { } canonical || await TicketQueries.ThreadAsync(session, canonical, cancellationToken) is not { } thread)
        {
            return false;
        }

        Thread = thread;
        Staff = [.. (await StaffDirectory.ListAsync(session, cancellationToken)).Where(s => !s.Blocked && StaffTicketRoles.CanWork(s.Roles))];
        var received = new Dictionary<Guid, InboundMailReceived>();
        foreach (var mailId in thread.Entries.Select(e => e.Post?.MailId).OfType<Guid>().Distinct())
        {
            if ((await session.Events.FetchStreamAsync(mailId, token: cancellationToken)).Select(e => e.Data).OfType<InboundMailReceived>().FirstOrDefault() is { } mail)
            {
                received[mailId] = mail;
            }
        }

        Received = received;
        Candidates = thread.State.IsHeld && thread.State.Requester?.Address is { } address ? await AccountAccessQueries.ForEmailAsync(session, address, cancellationToken) : [];
        return true;
    }

    private async Task<IActionResult> ActAsync(string number, string done, Func<TicketThread, object> command, CancellationToken cancellationToken)
    {
        if (!CanWork)
        {
            return Forbid();
        }

        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }

        var result = await bus.InvokeAsync(command(Thread), RequestMetadata.For(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            Notice = Text(done);
            return Redirect($"/staff/ticket/{Thread.Number}");
        }

        // Shown again on the thread as it is now; a reply refused as stale keeps its text and asks to confirm.
        AskToConfirm = result.Errors.Any(e => e == StaffTicketHandler.ChangedMeanwhile);
        Input.SeenRevision = Thread.Revision;
        ModelState.Clear();
        ShowErrors(result, result.Errors.Any(e => e.Field is "note" or "customerId" or "reason") ? nameof(Verification) : nameof(Input));
        Response.StatusCode = AskToConfirm ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
