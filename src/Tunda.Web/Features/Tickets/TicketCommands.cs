using Tunda.Domain.Tickets;

namespace Tunda.Web.Features.Tickets;

/// <summary>A signed-in customer (main account or contact, by its access id) opens a ticket from the customer area or the API.</summary>
public sealed record OpenCustomerTicket(
    Guid TicketId, Guid CustomerId, Guid AccessId, string Department, string Subject, string Text, TicketRelation? Related, IReadOnlyList<AttachmentUpload> Attachments);

/// <summary>The customer's reply; on a recently closed ticket it reopens it.</summary>
public sealed record ReplyAsCustomer(Guid TicketId, Guid AccessId, string Text, IReadOnlyList<AttachmentUpload> Attachments);

public sealed record CloseAsCustomer(Guid TicketId, Guid AccessId);

public sealed record ReopenAsCustomer(Guid TicketId, Guid AccessId);

/// <summary>
/// An agent's public reply or internal note. <see cref="SeenRevision"/> is the thread's revision the
/// agent read; unless <see cref="Confirmed"/>, a ticket changed since then is not answered blindly.
/// </summary>
public sealed record PostAsStaff(Guid TicketId, Guid StaffId, string Text, bool Internal, long? SeenRevision, bool Confirmed, IReadOnlyList<AttachmentUpload> Attachments);

/// <summary>An agent changes the ticket's handling: any field left null stays as it is.</summary>
public sealed record ChangeTicketHandling(Guid TicketId, Guid StaffId, TicketStatus? Status, string? Department, TicketPriority? Priority, Guid? AssigneeId, bool Unassign);

public sealed record CloseAsStaff(Guid TicketId, Guid StaffId);

public sealed record ReopenAsStaff(Guid TicketId, Guid StaffId);

/// <summary>What opening a ticket answers: the number the customer will quote.</summary>
public sealed record TicketCreated(Guid TicketId, string Number);
