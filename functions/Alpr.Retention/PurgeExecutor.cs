using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Alpr.Core.Cameras;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Alpr.Retention;

/// <summary>
/// Deletes expired, unheld reads: images first (context, crop), then the document. The document is the
/// to-do list: if a run dies after the blobs and before the document, the next run finds the document,
/// deletes the (already missing) blobs harmlessly and then the document — so runs resume and repeat safely.
/// Holds are re-read before every batch; if they cannot be read the run stops without deleting (fail closed).
/// </summary>
public sealed class PurgeExecutor(
    CosmosDatabase db, StorageClients storage, CosmosHoldIndex holds, CosmosPurgeRecords records,
    IOptions<RetentionOptions> options, TimeProvider time, PurgeHooks? hooks = null)
{
    private readonly DocumentStore _reads = new(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);

    public sealed class LeaseHeldException() : Exception("another purge run holds the lease");

    public RetentionPolicy Policy => RetentionPresets.Find(options.Value.Policy)
        ?? throw new InvalidOperationException($"Retention:Policy must name a preset ({string.Join(", ", RetentionPresets.All.Keys)})");

    /// <summary>Runs one purge; with <paramref name="onlyReadIds"/>, only those reads are considered (hold release).</summary>
    public async Task<PurgeRecord> RunAsync(string trigger, IReadOnlyCollection<string>? onlyReadIds = null, CancellationToken ct = default)
    {
        var policy = Policy;
        var o = options.Value;
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        string runId = $"purge-{started:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..40];
        if (!await records.TryLeaseAsync(runId, started, o.LeaseDuration, ct)) throw new LeaseHeldException();

        var cutoffs = Enum.GetValues<CameraKind>().ToDictionary(k => k, k => RetentionClock.Cutoff(policy, k, started));
        var record = new PurgeRecord
        {
            RunId = runId, Trigger = trigger, Policy = policy.Name, PolicyCitation = policy.Citation, StartedAt = started,
            Cutoffs = cutoffs.ToDictionary(kv => kv.Key.ToWire(), kv => kv.Value), Status = PurgeRunStatus.Running,
        };
        var resumed = new List<string>();
        foreach (var stale in await records.WithStatusAsync(PurgeRunStatus.Running, ct))
        {
            await records.SaveAsync(stale with { Status = PurgeRunStatus.Interrupted }, ct);
            resumed.Add(stale.RunId);
        }
        record = record with { Resumed = resumed };
        await records.SaveAsync(record, ct);

        long examined = 0, deletedReads = 0, deletedBlobs = 0, skippedHeld = 0, failed = 0;
        var byDay = new ConcurrentDictionary<string, long>();
        var errors = new ConcurrentQueue<string>();
        var status = PurgeRunStatus.Completed;
        try
        {
            var candidates = await CandidatesAsync(cutoffs, onlyReadIds, ct);
            record = record with { QueryMs = clock.ElapsedMilliseconds };
            foreach (var batch in candidates.Chunk(Math.Max(1, o.BatchSize)))
            {
                ct.ThrowIfCancellationRequested();
                if (!await records.TryLeaseAsync(runId, time.GetUtcNow(), o.LeaseDuration, ct)) throw new LeaseHeldException();
                var held = await holds.LoadHeldReadIdsAsync(ct); // throws => no deletes in this batch or after
                examined += batch.Length;
                var toDelete = new List<PurgeCandidate>();
                foreach (var c in batch)
                {
                    switch (PurgePlanner.Decide(c, policy, started, held))
                    {
                        case PurgeDecision.Delete: toDelete.Add(c); break;
                        case PurgeDecision.KeepHeld: skippedHeld++; break;
                    }
                }
                await Parallel.ForEachAsync(toDelete, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallelism), CancellationToken = ct },
                    async (c, token) =>
                    {
                        try
                        {
                            int blobs = await DeleteBlobAsync(c.ImageBlob, token) + (c.CropBlob is null ? 0 : await DeleteBlobAsync(c.CropBlob, token));
                            Interlocked.Add(ref deletedBlobs, blobs);
                            if (hooks?.AfterBlobsDeleted is { } hook) await hook(c, token);
                            await _reads.DeleteAsync(c.ReadId, c.Partition, token);
                            Interlocked.Increment(ref deletedReads);
                            byDay.AddOrUpdate(PurgePlanner.CountKey(c, policy), 1, (_, n) => n + 1);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            Interlocked.Increment(ref failed);
                            errors.Enqueue($"{c.ReadId}: {e.GetType().Name}: {Short(e.Message)}");
                        }
                    });
                record = Snapshot(record, PurgeRunStatus.Running);
                await records.SaveAsync(record, ct);
            }
            if (failed > 0) status = PurgeRunStatus.CompletedWithErrors;
        }
        catch (OperationCanceledException)
        {
            status = PurgeRunStatus.Interrupted; // host shutdown: the next run picks up what is left
            throw;
        }
        catch (Exception e)
        {
            status = PurgeRunStatus.Failed;
            errors.Enqueue($"run: {e.GetType().Name}: {Short(e.Message)}");
        }
        finally
        {
            record = Snapshot(record, status) with { FinishedAt = time.GetUtcNow(), DurationMs = clock.ElapsedMilliseconds };
            await records.SaveAsync(record, CancellationToken.None);
            await records.ReleaseLeaseAsync(runId, CancellationToken.None);
        }
        return record;

        PurgeRecord Snapshot(PurgeRecord r, PurgeRunStatus s) => r with
        {
            Status = s, Examined = examined, DeletedReads = deletedReads, DeletedBlobs = deletedBlobs, SkippedHeld = skippedHeld,
            Failed = failed, DeletedBySourceAndDay = new(byDay), Errors = errors.Take(200).ToList(), DurationMs = clock.ElapsedMilliseconds,
        };
    }

    private static string Short(string s) => s.Length <= 200 ? s : s[..200];

    /// <summary>Candidates per source: a coarse string prefilter in SQL, the exact test in <see cref="PurgePlanner"/>.</summary>
    private async Task<List<PurgeCandidate>> CandidatesAsync(Dictionary<CameraKind, DateTimeOffset> cutoffs, IReadOnlyCollection<string>? only, CancellationToken ct)
    {
        var list = new List<PurgeCandidate>();
        var filter = only is null ? null : new HashSet<string>(only, StringComparer.Ordinal);
        foreach (var (kind, cutoff) in cutoffs)
        {
            var q = new QueryDefinition(
                    "SELECT c.id, c.pk, c.cameraKind, c.capturedAt, c.imageBlob, c.cropBlob, c.holds FROM c " +
                    "WHERE c.docType = @t AND c.cameraKind = @k AND c.capturedAt < @bound")
                .WithParameter("@t", CosmosReadStore.DocType).WithParameter("@k", kind.ToWire())
                .WithParameter("@bound", PurgePlanner.PrefilterBound(cutoff));
            await foreach (var doc in QueryAllAsync(q, ct))
            {
                var c = ToCandidate(doc, kind);
                if (filter is null || filter.Contains(c.ReadId)) list.Add(c);
            }
        }
        return list;
    }

    /// <summary>
    /// Cross-partition scan asking for unbounded pages: the local Cosmos server's continuation pages make the SDK
    /// fall back to a query plan it cannot get there ("providedRanges" null); Azure pages as usual.
    /// </summary>
    internal async IAsyncEnumerable<JsonObject> QueryAllAsync(QueryDefinition q, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var it = _reads.Container.GetItemQueryIterator<JsonObject>(q, requestOptions: new QueryRequestOptions { MaxItemCount = -1, EnableOptimisticDirectExecution = true });
        while (it.HasMoreResults)
            foreach (var doc in await it.ReadNextAsync(ct))
                yield return doc;
    }

    internal static PurgeCandidate ToCandidate(JsonObject doc, CameraKind kind) => new(
        (string)doc["id"]!, (string)doc["pk"]!, kind, doc["capturedAt"]!.GetValue<DateTimeOffset>(),
        (string)doc["imageBlob"]!, (string?)doc["cropBlob"],
        doc["holds"] is JsonArray a ? a.Select(h => (string)h!).ToList() : []);

    /// <summary>1 if the blob existed and is gone now, 0 if it was already gone.</summary>
    private async Task<int> DeleteBlobAsync(string containerAndName, CancellationToken ct)
    {
        int slash = containerAndName.IndexOf('/');
        if (slash <= 0) throw new FormatException("blob reference must be container/name");
        var blob = storage.Container(containerAndName[..slash]).GetBlobClient(containerAndName[(slash + 1)..]);
        var r = await blob.DeleteIfExistsAsync(Azure.Storage.Blobs.Models.DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct);
        return r.Value ? 1 : 0;
    }
}
