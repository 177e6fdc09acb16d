using System.Text.Json.Nodes;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Alpr.Retention;

/// <summary>
/// The <c>holds: [holdId]</c> marker on read documents (seen by the purge and by anyone reading the document),
/// changed with ETag checks so a concurrent write is retried rather than lost.
/// </summary>
public sealed class ReadHoldMarkers(CosmosDatabase db)
{
    private readonly DocumentStore _reads = new(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);

    public DocumentStore Reads => _reads;

    /// <summary>The raw read document, or null if it no longer exists.</summary>
    public async Task<JsonObject?> GetAsync(HeldReadRef r, CancellationToken ct) => (await _reads.ReadAsync<JsonObject>(r.ReadId, r.Partition, ct))?.Value;

    /// <summary>Adds or removes the hold id; false if the read is gone.</summary>
    public async Task<bool> SetAsync(HeldReadRef r, string holdId, bool held, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            var current = await _reads.ReadAsync<JsonObject>(r.ReadId, r.Partition, ct);
            if (current is null) return false;
            var doc = current.Value;
            var holds = (doc["holds"] as JsonArray)?.Select(h => (string)h!).ToList() ?? [];
            if (holds.Contains(holdId) == held) return true;
            if (held) holds.Add(holdId); else holds.Remove(holdId);
            doc["holds"] = new JsonArray(holds.Select(h => (JsonNode)JsonValue.Create(h)!).ToArray());
            foreach (var system in new[] { "_etag", "_rid", "_self", "_ts", "_attachments" }) doc.Remove(system);
            if (await _reads.ReplaceAsync(doc, r.ReadId, r.Partition, current.ETag, ct)) return true;
            if (attempt >= 5) throw new InvalidOperationException($"read {r.ReadId} kept changing; hold marker not written");
        }
    }

    /// <summary>Reads by id (any partition), a hundred ids per query; ids not found are returned separately.</summary>
    public async Task<(List<HeldReadRef> Found, List<string> Missing)> FindAsync(IEnumerable<string> readIds, CancellationToken ct)
    {
        var wanted = readIds.Distinct(StringComparer.Ordinal).ToList();
        var partitionOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(100))
        {
            var q = new QueryDefinition("SELECT c.id, c.pk FROM c WHERE c.docType = @t AND ARRAY_CONTAINS(@ids, c.id)")
                .WithParameter("@t", CosmosReadStore.DocType).WithParameter("@ids", chunk);
            await foreach (var doc in _reads.QueryDocumentsAsync(q, ct: ct)) partitionOf[(string)doc["id"]!] = (string)doc["pk"]!;
        }
        return (wanted.Where(partitionOf.ContainsKey).Select(id => new HeldReadRef(id, partitionOf[id])).ToList(),
            wanted.Where(id => !partitionOf.ContainsKey(id)).ToList());
    }

    /// <summary>
    /// Reads matching a search: plate (exact) and/or camera, captured in [from, to). Only the day partitions of
    /// the range (plus the backlog days investigative search allows for late uploads) are queried, as for a search.
    /// </summary>
    public async Task<List<HeldReadRef>> SearchAsync(string? plate, string? cameraId, DateTimeOffset from, DateTimeOffset to, int max, DateTimeOffset now, CancellationToken ct)
    {
        var days = new List<string>();
        var last = DateOnly.FromDateTime(to.UtcDateTime).AddDays(CosmosReadSearch.BacklogDays);
        if (last > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1)) last = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        for (var d = DateOnly.FromDateTime(from.UtcDateTime); d <= last; d = d.AddDays(1)) days.Add(CosmosReadStore.PartitionFor(d));
        string sql = $"SELECT c.id, c.pk, c.capturedAt FROM c WHERE c.docType = @t AND c.pk IN ({string.Join(", ", days.Select((_, i) => $"@d{i}"))})";
        if (plate is not null) sql += " AND (c.plate = @plate OR c.correctedPlate = @plate)";
        if (cameraId is not null) sql += " AND c.cameraId = @cam";
        var q = new QueryDefinition(sql).WithParameter("@t", CosmosReadStore.DocType);
        for (int i = 0; i < days.Count; i++) q = q.WithParameter($"@d{i}", days[i]);
        if (plate is not null) q = q.WithParameter("@plate", plate);
        if (cameraId is not null) q = q.WithParameter("@cam", cameraId);
        var list = new List<HeldReadRef>();
        await foreach (var doc in _reads.QueryDocumentsAsync(q, ct: ct))
        {
            // Stored times keep the camera's offset, so the exact range test is here rather than a string compare.
            var at = doc["capturedAt"]!.GetValue<DateTimeOffset>();
            if (at >= from && at < to) list.Add(new HeldReadRef((string)doc["id"]!, (string)doc["pk"]!));
            if (list.Count > max) break; // one past the cap: the caller refuses an oversized hold
        }
        return list;
    }
}
