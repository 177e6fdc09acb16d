using System.Diagnostics;
using System.Runtime.CompilerServices;
using Alpr.Core.Cameras;
using Alpr.Core.Retention;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Retention;

/// <summary>
/// Deletes expired, unheld reads and their images, streaming: day partition by day partition, one page of
/// candidates at a time (never the whole expired list in memory). For every page the lease is renewed, the
/// hold index is asked about exactly the page's expired reads, the unheld ones are deleted (<see cref="PurgeDeleter"/>)
/// and the purge record is updated. If holds cannot be checked the run stops, Failed, deleting nothing further
/// (fail closed). Runs resume and repeat safely: the read document is deleted last, so whatever a crash leaves is
/// found again by the next run, and deleting what is already gone is harmless.
/// </summary>
public sealed class PurgeExecutor(
    CosmosDatabase db, StorageClients storage, CosmosHoldIndex holds, CosmosPurgeRecords records,
    IOptions<RetentionOptions> options, TimeProvider time, PurgeHooks? hooks = null)
{
    private readonly PurgeCandidateSource _candidates = new(db);
    private readonly DocumentStore _reads = new(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);

    public sealed class LeaseHeldException() : Exception("another purge run holds the lease");

    public RetentionPolicy Policy => RetentionPresets.Find(options.Value.Policy)
        ?? throw new InvalidOperationException($"Retention:Policy must name a preset ({string.Join(", ", RetentionPresets.All.Keys)})");

    /// <summary>Trigger of the purge a hold release runs on its own reads ("hold-release:{holdId}").</summary>
    public const string HoldReleaseTrigger = "hold-release:";

    /// <summary>The daily (or on-demand) purge of everything expired. One run at a time (lease).</summary>
    public async Task<PurgeRecord> RunAsync(string trigger, CancellationToken ct = default, PurgeTimings? timings = null)
    {
        var (policy, started, runId, cutoffs) = Begin();
        if (!await records.TryLeaseAsync(runId, started, options.Value.LeaseDuration, ct)) throw new LeaseHeldException();
        List<string> resumed;
        try { resumed = await MarkDeadRunsAsync(started, ct); }
        catch
        {
            await records.ReleaseLeaseAsync(runId, CancellationToken.None);
            throw;
        }
        var record = NewRecord(runId, trigger, policy, started, cutoffs) with { Resumed = resumed };
        timings ??= new PurgeTimings();
        return await ExecuteAsync(record, policy, AllPagesAsync(cutoffs, started, timings, ct), leased: true, timings, ct);
    }

    /// <summary>
    /// Runs still "Running" whose process died: any full run (we hold the lease, so it cannot be alive), and a
    /// hold release's run once it is older than a lease (those take no lease and may be alive beside us).
    /// Their work is in what this run is about to find.
    /// </summary>
    private async Task<List<string>> MarkDeadRunsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var resumed = new List<string>();
        foreach (var stale in await records.WithStatusAsync(PurgeRunStatus.Running, ct))
        {
            if (stale.Trigger.StartsWith(HoldReleaseTrigger, StringComparison.Ordinal) && stale.StartedAt > now - options.Value.LeaseDuration) continue;
            await records.SaveAsync(stale with { Status = PurgeRunStatus.Interrupted }, ct);
            resumed.Add(stale.RunId);
        }
        return resumed;
    }

    /// <summary>
    /// Only a released hold's reads: purged now if already past retention and under no other hold. Takes no
    /// lease, so a release never waits for (or fails behind) a long daily run; both deleting one read is harmless.
    /// </summary>
    public async Task<PurgeRecord> PurgeReadsAsync(string holdId, IReadOnlyCollection<HeldReadRef> reads, CancellationToken ct = default)
    {
        var (policy, started, runId, cutoffs) = Begin();
        var timings = new PurgeTimings();
        var record = NewRecord(runId, HoldReleaseTrigger + holdId, policy, started, cutoffs);
        return await ExecuteAsync(record, policy, ReadsPagesAsync(reads, timings, ct), leased: false, timings, ct);
    }

    private (RetentionPolicy, DateTimeOffset, string, Dictionary<CameraKind, DateTimeOffset>) Begin()
    {
        var policy = Policy;
        var started = time.GetUtcNow();
        string runId = $"purge-{started:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..40];
        return (policy, started, runId, Enum.GetValues<CameraKind>().ToDictionary(k => k, k => RetentionClock.Cutoff(policy, k, started)));
    }

    private static PurgeRecord NewRecord(string runId, string trigger, RetentionPolicy policy, DateTimeOffset started, Dictionary<CameraKind, DateTimeOffset> cutoffs) => new()
    {
        RunId = runId, Trigger = trigger, Policy = policy.Name, PolicyCitation = policy.Citation, StartedAt = started,
        Cutoffs = cutoffs.ToDictionary(kv => kv.Key.ToWire(), kv => kv.Value), Status = PurgeRunStatus.Running,
    };

    private async Task<PurgeRecord> ExecuteAsync(PurgeRecord record, RetentionPolicy policy, IAsyncEnumerable<IReadOnlyList<PurgeCandidate>> pages,
        bool leased, PurgeTimings timings, CancellationToken ct)
    {
        var o = options.Value;
        var clock = Stopwatch.StartNew();
        var tally = new PurgeTally();
        var deleter = new PurgeDeleter(storage, _reads, o, hooks);
        var status = PurgeRunStatus.Completed;
        await records.SaveAsync(record, ct);
        try
        {
            await foreach (var page in pages)
            {
                ct.ThrowIfCancellationRequested();
                timings.Pages++;
                if (leased && !await timings.Time(PurgeTimings.Phase.Bookkeeping, () => records.TryLeaseAsync(record.RunId, time.GetUtcNow(), o.LeaseDuration, ct)))
                    throw new LeaseHeldException();
                tally.Examined(page.Count);
                var expired = page.Where(c => RetentionClock.IsExpired(policy, c.CameraKind, c.CapturedAt, record.StartedAt)).ToList();
                // Throws when the hold index cannot be read: nothing in this page or after is deleted.
                var held = await timings.Time(PurgeTimings.Phase.HoldCheck, () => holds.HeldAmongAsync(expired.Select(c => c.ReadId).ToList(), ct));
                var toDelete = new List<PurgeCandidate>(expired.Count);
                foreach (var c in expired)
                    if (PurgePlanner.Decide(c, policy, record.StartedAt, held) == PurgeDecision.Delete) toDelete.Add(c); else tally.Held();
                await timings.Time(PurgeTimings.Phase.Delete, () => deleter.DeleteAsync(toDelete, policy, tally, ct));
                var snapshot = tally.Apply(record, PurgeRunStatus.Running, clock.ElapsedMilliseconds, timings.QueryMs);
                await timings.Time(PurgeTimings.Phase.Bookkeeping, () => records.SaveAsync(snapshot, ct));
            }
            if (tally.Failed > 0) status = PurgeRunStatus.CompletedWithErrors;
        }
        catch (OperationCanceledException)
        {
            status = PurgeRunStatus.Interrupted; // host shutdown: the next run picks up what is left
            throw;
        }
        catch (Exception e)
        {
            status = PurgeRunStatus.Failed;
            tally.Error($"run: {e.GetType().Name}: {PurgeDeleter.Short(e.Message)}");
        }
        finally
        {
            record = tally.Apply(record, status, clock.ElapsedMilliseconds, timings.QueryMs) with { FinishedAt = time.GetUtcNow() };
            await records.SaveAsync(record, CancellationToken.None);
            if (leased) await records.ReleaseLeaseAsync(record.RunId, CancellationToken.None);
        }
        return record;
    }

    /// <summary>
    /// The candidates' day partitions, oldest first, up to tomorrow (UTC: upload clocks may run ahead): day after
    /// day while days have candidates, jumping over a gap with one query. Oldest first, so an interrupted run has
    /// finished whole days.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<PurgeCandidate>> AllPagesAsync(Dictionary<CameraKind, DateTimeOffset> cutoffs, DateTimeOffset now,
        PurgeTimings timings, [EnumeratorCancellation] CancellationToken ct)
    {
        var last = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var day = await timings.Time(PurgeTimings.Phase.Query, () => _candidates.NextPartitionAsync(cutoffs, null, ct));
        while (day is { } d && d <= last)
        {
            timings.Partitions++;
            bool any = false;
            await using (var pages = _candidates.PagesAsync(CosmosReadStore.PartitionFor(d), cutoffs, options.Value.BatchSize, ct).GetAsyncEnumerator(ct))
                while (await timings.Time(PurgeTimings.Phase.Query, async () => await pages.MoveNextAsync()))
                {
                    any = true;
                    yield return pages.Current;
                }
            day = any ? d.AddDays(1) : await timings.Time(PurgeTimings.Phase.Query, () => _candidates.NextPartitionAsync(cutoffs, d, ct));
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<PurgeCandidate>> ReadsPagesAsync(IReadOnlyCollection<HeldReadRef> reads, PurgeTimings timings,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var chunk in reads.Chunk(Math.Max(1, options.Value.BatchSize)))
            yield return await timings.Time(PurgeTimings.Phase.Query, () => _candidates.ReadsAsync(chunk, ct));
    }
}
