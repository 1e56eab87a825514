using System.Globalization;

namespace Tunda.Benchmarks;

/// <summary>What to measure and for how long; parsed from the command line.</summary>
internal sealed record BenchSettings
{
    public static readonly string[] AllMeasurements = ["append", "lag", "rebuild", "fold"];

    private static readonly HashSet<string> OptionsWithValue =
        ["--warmup", "--duration", "--writers", "--events", "--lag-seconds", "--lag-rate", "--rebuild-events", "--rebuild-timeout", "--fold-events", "--repeat", "--only", "--out"];

    public const string Usage = """
        Tunda's event store (Marten with TundaStore.Configure) against PostgreSQL. Needs TUNDA_DB (an
        Npgsql connection string); creates and drops its own bench_* schemas.

        usage: dotnet run -c Release --project bench/Tunda.Benchmarks -- [options]

          --quick                 smoke check (under 2 minutes): 0.3 s warm-up + 1 s per append side,
                                  no repeats, 3 s per lag row, 50,000-event rebuilds
          --warmup <seconds>      warm-up before each append measurement (default 1)
          --duration <seconds>    measured time per append side (default 5)
          --writers <n,n,...>     concurrent writers (default 1,8,32)
          --events <n,n,...>      events per transaction (default 1,10)
          --repeat <n>            extra runs of the target cell, 8 writers x 10 events (default 5)
          --no-profile            skip the profile of the target cell (chain/notify switched off, auto_explain)
          --lag-seconds <s>       measured time of each daemon lag row at the steady rate (default 30)
          --lag-rate <events/s>   the steady rate for the daemon lag (default 1000)
          --rebuild-events <n>    events seeded before the rebuilds (default 1000000)
          --rebuild-timeout <s>   timeout of each rebuild call (default 900)
          --fold-events <n>       length of the stream folded by AggregateStreamAsync (default 10000)
          --only <list>           any of append,lag,rebuild,fold (default all)
          --out <path>            results file (default bench/results/eventstore.md in the checkout)
        """;

    public bool Quick { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<int> Writers { get; init; } = [1, 8, 32];

    public IReadOnlyList<int> EventsPerAppend { get; init; } = [1, 10];

    /// <summary>Extra measurements of the target cell, for the median and spread of its ratio.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Whether to profile the target cell (variants, wait states, auto_explain).</summary>
    public bool Profile { get; init; } = true;

    /// <summary>Appends of one writer timed statement by statement in the profile.</summary>
    public int ProfileAppends { get; init; } = 200;

    public TimeSpan LagWarmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan LagDuration { get; init; } = TimeSpan.FromSeconds(30);

    public int LagEventsPerSecond { get; init; } = 1000;

    public int RebuildEvents { get; init; } = 1_000_000;

    /// <summary>Passed to RebuildProjectionAsync, whose own default stops a shard after 5 minutes.</summary>
    public TimeSpan RebuildTimeout { get; init; } = TimeSpan.FromMinutes(15);

    public int FoldEvents { get; init; } = 10_000;

    public int FoldRuns { get; init; } = 9;

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(AllMeasurements);

    public string? OutputPath { get; init; }

    public bool Runs(string measurement) => Only.Contains(measurement);

    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        // --quick first, so explicit options given with it still win.
        var settings = args.Contains("--quick")
            ? new BenchSettings
            {
                Quick = true,
                Warmup = TimeSpan.FromSeconds(0.3),
                Duration = TimeSpan.FromSeconds(1),
                Repeats = 0,
                ProfileAppends = 20,
                LagWarmup = TimeSpan.FromSeconds(1),
                LagDuration = TimeSpan.FromSeconds(3),
                RebuildEvents = 50_000,
                FoldRuns = 2,
            }
            : new BenchSettings();

        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option == "--quick")
            {
                continue;
            }

            if (option == "--no-profile")
            {
                settings = settings with { Profile = false };
                continue;
            }

            if (!OptionsWithValue.Contains(option))
            {
                throw new ArgumentException($"Unknown option {option}.");
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{option} needs a value.");
            settings = option switch
            {
                "--warmup" => settings with { Warmup = Seconds(option, value) },
                "--duration" => settings with { Duration = Seconds(option, value) },
                "--writers" => settings with { Writers = Counts(option, value) },
                "--events" => settings with { EventsPerAppend = Counts(option, value) },
                "--repeat" => settings with { Repeats = value == "0" ? 0 : Count(option, value) },
                "--lag-seconds" => settings with { LagDuration = Seconds(option, value) },
                "--lag-rate" => settings with { LagEventsPerSecond = Count(option, value) },
                "--rebuild-events" => settings with { RebuildEvents = Count(option, value) },
                "--rebuild-timeout" => settings with { RebuildTimeout = Seconds(option, value) },
                "--fold-events" => settings with { FoldEvents = Count(option, value) },
                "--only" => settings with { Only = Measurements(value) },
                "--out" => settings with { OutputPath = value },
                _ => throw new ArgumentException($"Unknown option {option}."),
            };
        }

        return settings;
    }

    private static TimeSpan Seconds(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{option}: '{value}' is not a number of seconds.");

    private static int Count(string option, string value) =>
        int.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ArgumentException($"{option}: '{value}' is not a positive whole number.");

    private static int[] Counts(string option, string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Count(option, v))];

    private static HashSet<string> Measurements(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Except(AllMeasurements).ToList();
        return unknown.Count == 0
            ? names
            : throw new ArgumentException($"--only: unknown measurement(s) {string.Join(", ", unknown)}; use {string.Join(",", AllMeasurements)}.");
    }
}
