using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Tunda.Projections.Tests.Store;

/// <summary>A test-only event: stored under Marten's default name, which is fine for a type no production stream holds.</summary>
public sealed record Counted(int Amount);

/// <summary>
/// What an async projection saw of one stream: every version it applied, in order, so a skipped
/// event shows as a missing version and a doubled one as a repeated version.
/// </summary>
public abstract class Tally
{
    public Guid Id { get; set; }

    public long Sum { get; set; }

    public List<long> Versions { get; set; } = [];
}

public sealed class StreamTally : Tally;

/// <summary>The same fold as <see cref="StreamTally"/>, for a projection that can be made to fail.</summary>
public sealed class FragileTally : Tally;

/// <summary>One document per stream, folded by the async daemon.</summary>
public class TallyProjection<TTally> : SingleStreamProjection<TTally, Guid>
    where TTally : Tally, new()
{
    public override TTally? Evolve(TTally? snapshot, Guid id, IEvent e)
    {
        var tally = snapshot ?? new TTally { Id = id };
        if (e.Data is Counted counted)
        {
            Check(counted);
            tally.Sum += counted.Amount;
            tally.Versions.Add(e.Version);
        }

        return tally;
    }

    protected virtual void Check(Counted counted)
    {
    }
}

/// <summary>Throws on <see cref="Poison"/> while <see cref="Broken"/> says so: the bug a deployment later fixes.</summary>
public sealed class FragileTallyProjection : TallyProjection<FragileTally>
{
    public const int Poison = 13;

    private volatile bool _broken = true;

    public bool Broken
    {
        get => _broken;
        set => _broken = value;
    }

    protected override void Check(Counted counted)
    {
        if (Broken && counted.Amount == Poison)
        {
            throw new InvalidOperationException($"cannot handle {Poison}");
        }
    }
}

/// <summary>Every event of every stream in one document: a cross-stream view.</summary>
public sealed class GrandTally
{
    public const string Key = "all";

    public string Id { get; set; } = Key;

    public long Events { get; set; }

    public long Sum { get; set; }
}

public sealed class GrandTallyProjection : MultiStreamProjection<GrandTally, string>
{
    public GrandTallyProjection() => Identity<Counted>(_ => GrandTally.Key);

    public override GrandTally? Evolve(GrandTally? snapshot, string id, IEvent e)
    {
        var tally = snapshot ?? new GrandTally();
        if (e.Data is Counted counted)
        {
            tally.Events++;
            tally.Sum += counted.Amount;
        }

        return tally;
    }
}
