using System.Diagnostics;

namespace Alpr.Retention;

/// <summary>
/// Where a purge run's time went, for the benchmark and for diagnosing a slow run: phases are wall time summed
/// over pages (pages run one after another, so they add up to about the run's duration).
/// </summary>
public sealed class PurgeTimings
{
    public long QueryMs { get; private set; }
    public long HoldCheckMs { get; private set; }
    public long DeleteMs { get; private set; }
    /// <summary>Lease renewals and purge-record writes.</summary>
    public long BookkeepingMs { get; private set; }
    public int Partitions { get; internal set; }
    public int Pages { get; internal set; }

    internal async Task<T> Time<T>(Phase phase, Func<Task<T>> work)
    {
        long start = Stopwatch.GetTimestamp();
        try { return await work(); }
        finally { Add(phase, (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds); }
    }

    internal async Task Time(Phase phase, Func<Task> work) => await Time(phase, async () => { await work(); return 0; });

    private void Add(Phase phase, long ms)
    {
        switch (phase)
        {
            case Phase.Query: QueryMs += ms; break;
            case Phase.HoldCheck: HoldCheckMs += ms; break;
            case Phase.Delete: DeleteMs += ms; break;
            default: BookkeepingMs += ms; break;
        }
    }

    internal enum Phase { Query, HoldCheck, Delete, Bookkeeping }
}
