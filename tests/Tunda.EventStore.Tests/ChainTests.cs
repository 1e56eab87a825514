using Tunda.EventStore.Integrity;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class ChainTests
{
    [Fact]
    public async Task an_untouched_store_verifies_intact()
    {
        await using var scope = await StoreScope.CreateAsync();
        var (a, b) = await TwoStreamsAsync(scope);

        var report = await new ChainVerifier(scope.Store).VerifyAsync();
        report.IsIntact.ShouldBeTrue();
        report.StreamsChecked.ShouldBe(2);
        report.EventsChecked.ShouldBe(8);
        (await new ChainVerifier(scope.Store).VerifyAsync(a)).EventsChecked.ShouldBe(5);
        (await new ChainVerifier(scope.Store).VerifyAsync(b)).EventsChecked.ShouldBe(3);
    }

    private sealed record Awkward(string Text, double Big, double Tiny, decimal Money, Dictionary<string, int> Counts);

    [Fact]
    public async Task payloads_that_jsonb_respells_still_verify()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Events.Register<Awkward>("awkward"));
        var awkward = new Awkward("riga 1\nriga 2 \"citata\" \\ tab\t è € 😀 <b>&amp;</b>", 1e300, 1.5e-7, 12.50m, new() { ["zeta"] = 1, ["alfa"] = 2, ["mu"] = 3 });
        await using (var session = scope.Store.OpenSession(new EventMetadata { UserAgent = "Mozilla/5.0 \"quoted\" ünïcödé" }))
        {
            await session.StartStream(Guid.NewGuid(), "awkward", awkward, awkward).SaveChangesAsync();
        }

        var report = await new ChainVerifier(scope.Store).VerifyAsync();
        report.IsIntact.ShouldBeTrue();
        report.EventsChecked.ShouldBe(2);
    }

    [Fact]
    public async Task editing_one_events_data_by_sql_is_reported_at_that_event()
    {
        await using var scope = await StoreScope.CreateAsync();
        var (a, b) = await TwoStreamsAsync(scope);
        await scope.ExecuteAsync($"UPDATE {{schema}}.events SET data = jsonb_set(data, '{{amount}}', '999') WHERE stream_id = '{a}' AND version = 3");

        var report = await new ChainVerifier(scope.Store).VerifyAsync();
        var broken = report.Breaks.ShouldHaveSingleItem();
        broken.StreamId.ShouldBe(a);
        broken.Version.ShouldBe(3);
        broken.Sequence.ShouldBe(await scope.ScalarAsync($"SELECT seq FROM {{schema}}.events WHERE stream_id = '{a}' AND version = 3"));
        (await new ChainVerifier(scope.Store).VerifyAsync(b)).IsIntact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("metadata = jsonb_set(metadata, '{actor,id}', '\"someone-else\"')")]
    [InlineData("timestamp = timestamp - interval '1 day'")]
    [InlineData("type = 'withdrawn'")]
    public async Task editing_context_columns_is_reported_too(string change)
    {
        await using var scope = await StoreScope.CreateAsync();
        var (a, _) = await TwoStreamsAsync(scope);
        await scope.ExecuteAsync($"UPDATE {{schema}}.events SET {change} WHERE stream_id = '{a}' AND version = 2");

        var broken = (await new ChainVerifier(scope.Store).VerifyAsync()).Breaks.ShouldHaveSingleItem();
        (broken.StreamId, broken.Version).ShouldBe((a, 2L));
    }

    [Fact]
    public async Task deleting_a_streams_last_event_is_reported()
    {
        await using var scope = await StoreScope.CreateAsync();
        var (a, _) = await TwoStreamsAsync(scope);
        await scope.ExecuteAsync($"DELETE FROM {{schema}}.events WHERE stream_id = '{a}' AND version = 5");

        var broken = (await new ChainVerifier(scope.Store).VerifyAsync()).Breaks.ShouldHaveSingleItem();
        (broken.StreamId, broken.Version).ShouldBe((a, 4L));
    }

    private static async Task<(Guid A, Guid B)> TwoStreamsAsync(StoreScope scope)
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var metadata = new EventMetadata { Actor = new Actor("staff-1", ActorKind.Staff), ClientIp = "10.0.0.1" };
        for (var i = 1; i <= 5; i++)
        {
            await using var session = scope.Store.OpenSession(metadata);
            session.Append(a, "ledger", ExpectedVersion.Any, new Deposited(i * 1.25m));
            if (i <= 3)
            {
                session.Append(b, "ledger", ExpectedVersion.Any, new Renamed($"Società {i} «è»"));
            }

            await session.SaveChangesAsync();
        }

        return (a, b);
    }
}
