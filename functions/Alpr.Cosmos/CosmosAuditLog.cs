using Alpr.Core.Audit;

namespace Alpr.Cosmos;

/// <summary>Audit entries, partitioned by UTC day. Create-only: an entry is never replaced.</summary>
public sealed class CosmosAuditLog(CosmosDatabase db) : IAuditLog
{
    public const string DocType = "audit";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Audit), DocType);

    public DocumentStore Documents => _store;

    public static string PartitionFor(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd");

    public async Task AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        if (!await _store.CreateIfAbsentAsync(entry, entry.Id, PartitionFor(entry.At), ct))
            throw new InvalidOperationException($"audit entry {entry.Id} already exists; entries are never overwritten");
    }
}
