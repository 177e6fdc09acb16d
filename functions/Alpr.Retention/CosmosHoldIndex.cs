using Alpr.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Alpr.Retention;

/// <summary>
/// One "heldRead" document per (hold, read) in the holds container, partitioned by hold id. This is the
/// purge's authoritative hold check; the <c>holds</c> marker on the read document is the second signal.
/// Failures propagate: the purge treats "could not check" as "held" by not deleting at all.
/// </summary>
public sealed class CosmosHoldIndex(CosmosDatabase db)
{
    public const string DocType = "heldRead";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Holds), DocType);

    public sealed record HeldRead(string HoldId, string ReadId, string ReadPartition);

    public static string IdFor(string holdId, string readId) => $"{holdId}:{readId}";

    public Task AddAsync(HeldRead item, CancellationToken ct) => _store.UpsertAsync(item, IdFor(item.HoldId, item.ReadId), item.HoldId, ct);

    public Task<bool> RemoveAsync(HeldRead item, CancellationToken ct) => _store.DeleteAsync(IdFor(item.HoldId, item.ReadId), item.HoldId, ct);

    /// <summary>
    /// Which of these reads any hold lists, asked fresh for each purge page: the cost follows the page, not the
    /// number of holds. Errors propagate (the purge then deletes nothing more: fail closed).
    /// </summary>
    public async Task<HashSet<string>> HeldAmongAsync(IReadOnlyCollection<string> readIds, CancellationToken ct)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (readIds.Count == 0) return set;
        var q = new QueryDefinition("SELECT c.readId FROM c WHERE c.docType = @t AND ARRAY_CONTAINS(@ids, c.readId)")
            .WithParameter("@t", DocType).WithParameter("@ids", readIds);
        await foreach (var doc in _store.QueryDocumentsAsync(q, ct: ct)) set.Add((string)doc["readId"]!);
        return set;
    }

    public async Task<IReadOnlyList<HeldRead>> ForHoldAsync(string holdId, CancellationToken ct) =>
        await _store.QueryAsync<HeldRead>(new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.docType = @t")
            .WithParameter("@pk", holdId).WithParameter("@t", DocType), holdId, ct: ct);
}
