using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;
using Tunda.Projections;

namespace Tunda.Web.Features.Tickets.Mail;

/// <summary>Whose mail this is: one customer's, or held for staff with the reason why.</summary>
public sealed record SenderVerdict(Guid? CustomerId, string? HeldReason)
{
    public bool IsAttached => CustomerId is not null && HeldReason is null;
}

/// <summary>
/// Judges a mail's sender. Identity is the single From mailbox, never Reply-To or the display
/// name. It reaches a customer only when it is that customer's main account or a contact holding
/// the tickets permission, of exactly one customer, and nothing about the mail is suspicious.
/// </summary>
public static class MailSender
{
    public static SenderVerdict Judge(ParsedMessage message, MailClassification classification, IReadOnlyList<AccountAccess> accounts)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(accounts);
        return Suspicion(message, classification) is { } reason ? new SenderVerdict(null, reason) : ByAccounts(accounts);
    }

    /// <summary>The customer an address reaches with the tickets permission, if exactly one.</summary>
    public static SenderVerdict ByAccounts(IReadOnlyList<AccountAccess> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var customers = accounts.Where(a => a.Has(Domain.Customers.Permissions.Tickets)).Select(a => a.CustomerId).Distinct().ToList();
        return customers.Count switch
        {
            1 => new SenderVerdict(customers[0], null),
            0 when accounts.Count > 0 => new SenderVerdict(null, "The address belongs to an account that may not use tickets (blocked, not yet active, or without the tickets permission)."),
            0 => new SenderVerdict(null, "The address is not registered on any customer account."),
            _ => new SenderVerdict(null, $"The address is registered on {customers.Count} customer accounts: staff must say which one wrote."),
        };
    }

    /// <summary>Why the From mailbox cannot be trusted as it stands, or null.</summary>
    public static string? Suspicion(ParsedMessage message, MailClassification classification)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(classification);
        if (message.HasAmbiguousAuthor)
        {
            return "The author is ambiguous (several From mailboxes, or a Sender that differs from From).";
        }

        var from = message.From[0];
        if (!from.IsValid)
        {
            return "The From address cannot be read.";
        }

        if (classification.Authentication?.Dmarc is { } dmarc && !classification.Authentication.DmarcPassed && !dmarc.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return $"Our mail server judged DMARC '{dmarc}' for the sender's domain.";
        }

        if (from.DisplayName is { } name && name.Contains('@', StringComparison.Ordinal) && !name.Contains(from.NormalizedAddress!, StringComparison.OrdinalIgnoreCase))
        {
            return $"The display name shows another address ({name}) than the one that sent it.";
        }

        return classification.Kind == MailKind.Bulk ? "List or bulk mail." : null;
    }
}
