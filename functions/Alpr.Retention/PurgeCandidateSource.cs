using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Alpr.Core.Cameras;
using Alpr.Core.Retention;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Alpr.Retention;

/// <summary>
/// Finds purge candidates without holding them all: day partition by day partition, page by page (continuation
/// tokens), with a coarse string prefilter per source in SQL; the exact test is <see cref="PurgePlanner"/>'s.
/// The partition is the UPLOAD day, which for a mobile backlog can be long after the capture, so candidates may
/// sit in any partition up to today: the caller walks forward day by day and, where a day has none, asks for the
/// next partition that has one (a gap costs one query, not one per empty day).
/// </summary>
public sealed class PurgeCandidateSource(CosmosDatabase db)
{
    private readonly DocumentStore _reads = new(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);
    private const string Fields = "c.id, c.pk, c.cameraKind, c.capturedAt, c.imageBlob, c.cropBlob, c.holds";

    /// <summary>
    /// A query whose "{bounds}" is replaced by the per-source test (capturedAt below the source's prefilter bound).
    /// Only the two known sources are selected.
    /// </summary>
    private static QueryDefinition Query(string sql, IReadOnlyDictionary<CameraKind, DateTimeOffset> cutoffs)
    {
        var kinds = cutoffs.Keys.OrderBy(k => k).ToList();
        string test = string.Join(" OR ", kinds.Select(k => $"(c.cameraKind = @k{(int)k} AND c.capturedAt < @b{(int)k})"));
        var q = new QueryDefinition(sql.Replace("{bounds}", $"({test})")).WithParameter("@t", CosmosReadStore.DocType);
        foreach (var k in kinds)
            q = q.WithParameter($"@k{(int)k}", k.ToWire()).WithParameter($"@b{(int)k}", PurgePlanner.PrefilterBound(cutoffs[k]));
        return q;
    }

    /// <summary>The oldest day partition after <paramref name="after"/> (or at all) holding a candidate; null when none.</summary>
    public async Task<DateOnly?> NextPartitionAsync(IReadOnlyDictionary<CameraKind, DateTimeOffset> cutoffs, DateOnly? after, CancellationToken ct)
    {
        var q = Query("SELECT TOP 1 VALUE c.pk FROM c WHERE c.docType = @t AND c.pk > @after AND {bounds} ORDER BY c.pk", cutoffs)
            .WithParameter("@after", after is { } d ? CosmosReadStore.PartitionFor(d) : "");
        using var it = _reads.Container.GetItemQueryIterator<string>(q, requestOptions: new QueryRequestOptions { MaxItemCount = 1, EnableOptimisticDirectExecution = true });
        while (it.HasMoreResults)
            foreach (var pk in await it.ReadNextAsync(ct))
                return DateOnly.ParseExact(pk, "yyyy-MM-dd");
        return null;
    }

    /// <summary>One partition's candidates, a page at a time; the caller deletes each page before asking for the next.</summary>
    public async IAsyncEnumerable<IReadOnlyList<PurgeCandidate>> PagesAsync(string partition, IReadOnlyDictionary<CameraKind, DateTimeOffset> cutoffs,
        int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = Query($"SELECT {Fields} FROM c WHERE c.pk = @pk AND c.docType = @t AND {{bounds}}", cutoffs).WithParameter("@pk", partition);
        using var it = _reads.Container.GetItemQueryIterator<JsonObject>(q, requestOptions: new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(partition), MaxItemCount = Math.Max(1, pageSize),
        });
        while (it.HasMoreResults)
        {
            var page = await it.ReadNextAsync(ct);
            if (page.Count > 0) yield return page.Select(ToCandidate).ToList();
        }
    }

    /// <summary>Exactly these reads (a released hold's), by point read; gone ones are skipped.</summary>
    public async Task<IReadOnlyList<PurgeCandidate>> ReadsAsync(IEnumerable<HeldReadRef> reads, CancellationToken ct)
    {
        var list = new List<PurgeCandidate>();
        foreach (var r in reads)
            if ((await _reads.ReadAsync<JsonObject>(r.ReadId, r.Partition, ct))?.Value is { } doc) list.Add(ToCandidate(doc));
        return list;
    }

    /// <summary>
    /// The purge's view of a read document. The pages only select the two known sources; a released hold's read of
    /// another source counts as fixed, the shorter (or equal) period in every preset, so it is kept no longer.
    /// </summary>
    public static PurgeCandidate ToCandidate(JsonObject doc)
    {
        CameraKindText.TryParse((string?)doc["cameraKind"], out var kind);
        return new PurgeCandidate((string)doc["id"]!, (string)doc["pk"]!, kind, doc["capturedAt"]!.GetValue<DateTimeOffset>(),
            (string)doc["imageBlob"]!, (string?)doc["cropBlob"], doc["holds"] is JsonArray a ? a.Select(h => (string)h!).ToList() : []);
    }
}
