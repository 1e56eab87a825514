using Tunda.Domain;
using Tunda.Domain.Tickets;

namespace Tunda.Web.Features.Tickets;

/// <summary>Sends any ticket command to its overload of <see cref="TicketDecider"/>, for handlers that pick the command at run time.</summary>
internal static class TicketRules
{
    public static Decision Decide(Ticket state, object command, DateTimeOffset now) => command switch
    {
        CloseTicket c => TicketDecider.Decide(state, c, now),
        ReopenTicket c => TicketDecider.Decide(state, c, now),
        ChangeTicketStatus c => TicketDecider.Decide(state, c, now),
        AssignTicket c => TicketDecider.Decide(state, c, now),
        ChangeTicketDepartment c => TicketDecider.Decide(state, c, now),
        ChangeTicketPriority c => TicketDecider.Decide(state, c, now),
        ReplyAsStaff c => TicketDecider.Decide(state, c, now),
        AddInternalNote c => TicketDecider.Decide(state, c, now),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a ticket command."),
    };
}
