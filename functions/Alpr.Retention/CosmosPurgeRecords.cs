using Alpr.Core.Retention;
using Alpr.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Alpr.Retention;

/// <summary>Purge records (one per run, partitioned by UTC start day) and the single-run lease.</summary>
public sealed class CosmosPurgeRecords(CosmosDatabase db)
{
    public const string DocType = "purgeRun";
    private const string LeaseType = "purgeLease", LeaseId = "purge-lease", LeasePk = "lease";
    private readonly DocumentStore _runs = new(db.Container(CosmosContainers.Purges), DocType);
    private readonly DocumentStore _lease = new(db.Container(CosmosContainers.Purges), LeaseType);

    public static string PartitionFor(DateTimeOffset startedAt) => startedAt.UtcDateTime.ToString("yyyy-MM-dd");

    public Task SaveAsync(PurgeRecord record, CancellationToken ct) => _runs.UpsertAsync(record, record.RunId, PartitionFor(record.StartedAt), ct);

    public async Task<PurgeRecord?> GetAsync(string runId, DateTimeOffset startedAt, CancellationToken ct) =>
        (await _runs.ReadAsync<PurgeRecord>(runId, PartitionFor(startedAt), ct))?.Value;

    public Task<IReadOnlyList<PurgeRecord>> WithStatusAsync(PurgeRunStatus status, CancellationToken ct) =>
        _runs.QueryAsync<PurgeRecord>(new QueryDefinition("SELECT * FROM c WHERE c.docType = @t AND c.status = @s")
            .WithParameter("@t", DocType).WithParameter("@s", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString())), ct: ct);

    public async Task<IReadOnlyList<PurgeRecord>> RecentAsync(int max, CancellationToken ct)
    {
        var all = await _runs.QueryAsync<PurgeRecord>(new QueryDefinition("SELECT * FROM c WHERE c.docType = @t").WithParameter("@t", DocType), ct: ct);
        return all.OrderByDescending(r => r.StartedAt).Take(max).ToList();
    }

    private sealed record Lease(string Holder, DateTimeOffset ExpiresAt);

    /// <summary>Takes or renews the lease; false while another run holds an unexpired one.</summary>
    public async Task<bool> TryLeaseAsync(string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var lease = new Lease(holder, now + duration);
        var current = await _lease.ReadAsync<Lease>(LeaseId, LeasePk, ct);
        if (current is null) return await _lease.CreateIfAbsentAsync(lease, LeaseId, LeasePk, ct);
        if (current.Value.Holder != holder && current.Value.ExpiresAt > now) return false;
        return await _lease.ReplaceAsync(lease, LeaseId, LeasePk, current.ETag, ct);
    }

    public async Task ReleaseLeaseAsync(string holder, CancellationToken ct)
    {
        var current = await _lease.ReadAsync<Lease>(LeaseId, LeasePk, ct);
        if (current?.Value.Holder == holder) await _lease.DeleteAsync(LeaseId, LeasePk, ct);
    }
}
