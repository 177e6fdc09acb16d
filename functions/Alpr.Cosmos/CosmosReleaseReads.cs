using Alpr.Core.Plates;
using Alpr.Core.Reads;
using Alpr.Core.Releases;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>The reads a release scope covers (plates, capture-time range, cameras), across day partitions.</summary>
public sealed class CosmosReleaseReads(CosmosDatabase db)
{
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);

    public Task<IReadOnlyList<PlateRead>> InScopeAsync(ReleaseScope scope, int max, CancellationToken ct = default) =>
        _store.QueryAsync<PlateRead>(Query("SELECT * FROM c", scope), null, max, ct);

    public Task<long> CountAsync(ReleaseScope scope, CancellationToken ct = default) => _store.CountAsync(Query("SELECT c.id FROM c", scope), null, ct);

    private static QueryDefinition Query(string select, ReleaseScope s)
    {
        var where = new List<string> { "c.docType = @t" };
        var ps = new List<(string, object)> { ("@t", CosmosReadStore.DocType) };
        if (s.Plates is { Count: > 0 })
        {
            where.Add("ARRAY_CONTAINS(@plates, c.plate)");
            ps.Add(("@plates", s.Plates.Select(PlateText.Normalize).ToArray()));
        }
        // Compare as stored by System.Text.Json (UTC), so string order is time order.
        if (s.From is { } f) { where.Add("c.capturedAt >= @from"); ps.Add(("@from", Stored(f))); }
        if (s.To is { } t) { where.Add("c.capturedAt < @to"); ps.Add(("@to", Stored(t))); }
        if (s.CameraIds is { Count: > 0 }) { where.Add("ARRAY_CONTAINS(@cams, c.cameraId)"); ps.Add(("@cams", s.CameraIds.ToArray())); }
        var q = new QueryDefinition($"{select} WHERE {string.Join(" AND ", where)}");
        foreach (var (n, v) in ps) q = q.WithParameter(n, v);
        return q;
    }

    private static string Stored(DateTimeOffset t) => System.Text.Json.JsonSerializer.Serialize(t.ToUniversalTime()).Trim('"');
}
