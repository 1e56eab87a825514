using JasperFx.Events.Projections;
using Tunda.Domain.Customers;
using Tunda.Domain.Staff;
using Tunda.Projections.Tests.Support;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests;

public sealed class RebuildTests
{
    [Fact]
    public async Task rebuilding_each_inline_projection_gives_the_documents_inline_wrote()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        await AppendHistoryAsync(accounts);
        var inline = await SnapshotsAsync(accounts);
        await LoseEveryDocumentAndLeaveAStrayAsync(accounts);

        foreach (var projection in Projections)
        {
            await accounts.RebuildAsync(projection);
        }

        (await SnapshotsAsync(accounts)).ShouldBe(inline);
        inline.AccountAccess.ShouldNotContain("gone@bar.it");
        inline.AccountAccess.ShouldContain("mario@new.it");
        inline.Staff.ShouldContain("chiara@tunda.it");
    }

    [Fact]
    public async Task a_rebuild_that_reads_two_events_at_a_time_gives_the_same_documents()
    {
        // A customer's history then spans many daemon pages, each applied in its own batch.
        await using var accounts = await AccountsStore.CreateAsync(options =>
        {
            foreach (var projection in options.Projections.All.OfType<ProjectionBase>())
            {
                projection.Options.BatchSize = 2;
            }
        });
        await AppendHistoryAsync(accounts);
        var inline = await SnapshotsAsync(accounts);
        await LoseEveryDocumentAndLeaveAStrayAsync(accounts);

        foreach (var projection in Projections)
        {
            await accounts.RebuildAsync(projection);
        }

        (await SnapshotsAsync(accounts)).ShouldBe(inline);
    }

    private static string[] Projections => [nameof(CustomerProfile), nameof(AccountAccess), nameof(StaffDirectoryEntry)];

    private static async Task AppendHistoryAsync(AccountsStore accounts)
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var luca = Guid.NewGuid();
        var anna = Guid.NewGuid();
        var gone = Guid.NewGuid();
        var staff = Guid.NewGuid();
        await accounts.AppendAsync(first, Person(first), new CustomerEmailConfirmed(first, "mario.rossi@example.it", At));
        await accounts.AppendAsync(second, Company(second, "info@bar.it"), Invited(second, luca, "luca@studio.it"), Invited(second, gone, "gone@bar.it"));
        await accounts.AppendAsync(first, Invited(first, anna, "anna@example.it", Permissions.Contacts | Permissions.Tickets), new ContactActivated(first, anna, At));
        await accounts.AppendAsync(second, new ContactActivated(second, luca, At), new ContactBlocked(second, luca, At), new ContactDeleted(second, gone, At));
        await accounts.AppendAsync(first, new LoginEmailChangeRequested(first, "mario@new.it", At), new LoginEmailChanged(first, "mario.rossi@example.it", "mario@new.it", false, At));
        await accounts.AppendAsync(second, new CustomerBlocked(second, "unpaid", At), new CustomerDetailsChanged(second, Details with { Phone = "+39 333 1234567" }, At));
        await accounts.AppendAsync(staff, new StaffMemberAdded(staff, "Chiara", "chiara@tunda.it", StaffRoles.Support, At), new StaffMemberBlocked(staff, At));
        await accounts.AppendAsync(second, new ContactUnblocked(second, luca, At), new CustomerUnblocked(second, At));
    }

    /// <summary>So the rebuild must replay every event and tear down what it did not write.</summary>
    private static async Task LoseEveryDocumentAndLeaveAStrayAsync(AccountsStore accounts)
    {
        foreach (var type in new[] { typeof(CustomerProfile), typeof(AccountAccess), typeof(StaffDirectoryEntry) })
        {
            await accounts.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(type);
        }

        await using var session = accounts.Store.LightweightSession();
        session.Store(new AccountAccess { AccessId = Guid.NewGuid(), Email = "stray@example.it" });
        await session.SaveChangesAsync();
    }

    private static async Task<(string Profiles, string AccountAccess, string Staff)> SnapshotsAsync(AccountsStore accounts) => (
        await accounts.SnapshotAsync<CustomerProfile>(p => p.CustomerId),
        await accounts.SnapshotAsync<AccountAccess>(a => a.AccessId),
        await accounts.SnapshotAsync<StaffDirectoryEntry>(s => s.StaffId));
}
