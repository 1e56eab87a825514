using Marten;
using Marten.Pagination;
using Tunda.Domain.Tickets;

namespace Tunda.Projections.Tickets;

/// <summary>How the staff inbox is filtered and sorted. Null means "any".</summary>
public sealed record InboxFilter
{
    public string? Department { get; init; }

    /// <summary>A status; null shows every ticket still being worked (not closed, rejected or held).</summary>
    public TicketStatus? Status { get; init; }

    public Guid? AssigneeId { get; init; }

    public bool UnassignedOnly { get; init; }

    public TicketPriority? Priority { get; init; }

    /// <summary>Longest wait first instead of latest activity first.</summary>
    public bool ByWaitingTime { get; init; }
}

/// <summary>A page of the inbox: its rows, its number, whether another follows.</summary>
public sealed record InboxPage(IReadOnlyList<TicketInboxRow> Rows, int PageNumber, bool HasNext);

/// <summary>Counts of the inbox's queues, for the tabs staff switch between.</summary>
public sealed record QueueCounts(int AwaitingStaff, int AwaitingCustomer, int Open, int Unassigned, int Held, int Mine);

public sealed record CustomerTicketCounts(int Open, int AwaitingCustomer);

/// <summary>How fast one department answers and resolves, over the tickets opened in the period (hours; null without data).</summary>
public sealed record DepartmentTimes(string Department, int Opened, int Answered, double? MedianFirstResponseHours, double? P90FirstResponseHours, int Closed, double? MedianResolutionHours);

/// <summary>Reads of the ticket read models.</summary>
public static class TicketQueries
{
    public const string Italian = "italian";
    public const string English = "english";

    /// <summary>
    /// Staff's search over subjects and messages, in Italian and English (stemmed: "fatture" finds
    /// "fattura"; quoted phrases, OR and -word as in a web search), latest activity first.
    /// </summary>
    public static async Task<IReadOnlyList<TicketInboxRow>> SearchAsync(IQuerySession session, string text, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ids = await session.Query<TicketThread>()
            .Where(t => t.WebStyleSearch(text, Italian) || t.WebStyleSearch(text, English))
            .OrderByDescending(t => t.State.LastActivityAt)
            .Select(t => t.TicketId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var rows = await session.LoadManyAsync<TicketInboxRow>(cancellationToken, ids);
        return [.. rows.OrderByDescending(r => r.LastActivityAt)];
    }

    public static Task<TicketThread?> ThreadAsync(IQuerySession session, string number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query<TicketThread>().Where(t => t.Number == number).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The customer's tickets, latest activity first; held and rejected mail never shows (it is not theirs until verified).</summary>
    public static Task<IPagedList<TicketInboxRow>> ForCustomerAsync(
        IQuerySession session, Guid customerId, TicketStatus? status, string? department, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var rows = session.Query<TicketInboxRow>().Where(t => t.CustomerId == customerId);
        if (status is { } wanted)
        {
            rows = rows.Where(t => t.Status == wanted);
        }

        if (department is not null)
        {
            rows = rows.Where(t => t.Department == department);
        }

        return rows.OrderByDescending(t => t.LastActivityAt).ThenBy(t => t.TicketId).ToPagedListAsync(pageNumber, pageSize, cancellationToken);
    }

    /// <summary>The dashboard's tile: the customer's tickets not closed, and how many of them wait for the customer.</summary>
    public static async Task<CustomerTicketCounts> CustomerCountsAsync(IQuerySession session, Guid customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var open = await session.Query<TicketInboxRow>()
            .Where(t => t.CustomerId == customerId && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Rejected)
            .Select(t => t.Status)
            .ToListAsync(cancellationToken);
        return new CustomerTicketCounts(open.Count, open.Count(s => s == TicketStatus.AwaitingCustomer));
    }

    /// <summary>
    /// One page of the inbox. No total is counted: counting a queue of tens of thousands of tickets on
    /// every page view is what made the inbox slow under many agents; one extra row says whether a next page exists.
    /// </summary>
    public static async Task<InboxPage> InboxAsync(IQuerySession session, InboxFilter filter, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(filter);
        IQueryable<TicketInboxRow> rows = session.Query<TicketInboxRow>();
        rows = filter.Status is { } status
            ? rows.Where(t => t.Status == status)
            : rows.Where(t => t.Status == TicketStatus.Open || t.Status == TicketStatus.AwaitingStaff || t.Status == TicketStatus.AwaitingCustomer);
        if (filter.Department is { } department)
        {
            rows = rows.Where(t => t.Department == department);
        }

        if (filter.UnassignedOnly)
        {
            rows = rows.Where(t => t.AssigneeId == null);
        }
        else if (filter.AssigneeId is { } assignee)
        {
            rows = rows.Where(t => t.AssigneeId == assignee);
        }

        if (filter.Priority is { } priority)
        {
            rows = rows.Where(t => t.Priority == priority);
        }

        var sorted = filter.ByWaitingTime
            ? rows.OrderBy(t => t.WaitingSince).ThenBy(t => t.LastActivityAt)
            : rows.OrderByDescending(t => t.LastActivityAt);
        var page = await sorted.ThenBy(t => t.TicketId).Skip((pageNumber - 1) * pageSize).Take(pageSize + 1).ToListAsync(cancellationToken);
        return new InboxPage([.. page.Take(pageSize)], pageNumber, page.Count > pageSize);
    }

    /// <summary>First-response and resolution times per department for tickets opened since <paramref name="since"/>.</summary>
    public static async Task<IReadOnlyList<DepartmentTimes>> TimesAsync(IQuerySession session, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var table = session.DocumentStore.Options.Schema.For<TicketInboxRow>();
        const string firstResponse = "extract(epoch FROM ((data->>'firstStaffReplyAt')::timestamptz - (data->>'openedAt')::timestamptz)) / 3600";
        const string resolution = "extract(epoch FROM ((data->>'closedAt')::timestamptz - (data->>'openedAt')::timestamptz)) / 3600";
        var rows = await session.QueryAsync<DepartmentTimes>($"""
            SELECT jsonb_build_object(
                'department', department,
                'opened', count(*),
                'answered', count(data->>'firstStaffReplyAt'),
                'medianFirstResponseHours', percentile_cont(0.5) WITHIN GROUP (ORDER BY {firstResponse}),
                'p90FirstResponseHours', percentile_cont(0.9) WITHIN GROUP (ORDER BY {firstResponse}),
                'closed', count(*) FILTER (WHERE status = 'Closed'),
                'medianResolutionHours', percentile_cont(0.5) WITHIN GROUP (ORDER BY {resolution}) FILTER (WHERE status = 'Closed'))
            FROM {table}
            WHERE (data->>'openedAt')::timestamptz >= ? AND status NOT IN ('Held', 'Rejected')
            GROUP BY department
            ORDER BY department
            """, cancellationToken, since.ToUniversalTime());
        return [.. rows];
    }

    /// <summary>The queue counts in one round trip of grouped SQL over the indexed columns.</summary>
    public static async Task<QueueCounts> CountsAsync(IQuerySession session, Guid? staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var table = session.DocumentStore.Options.Schema.For<TicketInboxRow>();
        var working = "status IN ('Open', 'AwaitingStaff', 'AwaitingCustomer')";
        var counts = await session.QueryAsync<QueueCounts>($"""
            SELECT jsonb_build_object(
                'awaitingStaff', count(*) FILTER (WHERE status = 'AwaitingStaff'),
                'awaitingCustomer', count(*) FILTER (WHERE status = 'AwaitingCustomer'),
                'open', count(*) FILTER (WHERE {working}),
                'unassigned', count(*) FILTER (WHERE {working} AND assignee_id IS NULL),
                'held', count(*) FILTER (WHERE status = 'Held'),
                'mine', count(*) FILTER (WHERE {working} AND assignee_id = ?))
            FROM {table}
            """, cancellationToken, (object?)staffId ?? Guid.Empty);
        return counts[0];
    }
}
