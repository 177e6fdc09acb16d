using Alpr.Core.Pipeline;
using Alpr.Core.Reads;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>Reads in the "reads" container, partitioned by the UTC day of the capture blob.</summary>
public sealed class CosmosReadStore(CosmosDatabase db) : IReadStore
{
    public const string DocType = "read";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Reads), DocType);

    public DocumentStore Documents => _store;

    public static string PartitionFor(DateOnly day) => day.ToString("yyyy-MM-dd");

    /// <summary>The blob path's day (the upload day, UTC) is the partition: known from the blob name alone.</summary>
    public static string PartitionFor(PlateRead read) =>
        Core.Captures.CaptureBlobName.TryParse(read.ImageBlob, out var name) ? PartitionFor(name!.Day) : PartitionFor(DateOnly.FromDateTime(read.CapturedAt.UtcDateTime));

    /// <summary>Stores the read with the n-grams of its plate (and corrected plate) for partial-plate search.</summary>
    public Task UpsertAsync(PlateRead read, CancellationToken ct = default) =>
        _store.UpsertAsync(read, read.Id, PartitionFor(read), doc =>
        {
            var grams = Core.Search.PlateGrams.Of(read.Plate).Concat(read.CorrectedPlate is null ? [] : Core.Search.PlateGrams.Of(read.CorrectedPlate)).Distinct();
            doc["grams"] = new System.Text.Json.Nodes.JsonArray(grams.Select(g => (System.Text.Json.Nodes.JsonNode)g!).ToArray());
        }, ct);

    public Task<IReadOnlyList<PlateRead>> GetByCaptureAsync(string captureId, DateOnly day, CancellationToken ct = default)
    {
        string pk = PartitionFor(day);
        var q = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.docType = @t AND c.captureId = @id")
            .WithParameter("@pk", pk).WithParameter("@t", DocType).WithParameter("@id", captureId);
        return _store.QueryAsync<PlateRead>(q, pk, ct: ct);
    }

    public async Task<PlateRead?> FindAsync(string readId, DateOnly day, CancellationToken ct = default) =>
        (await _store.ReadAsync<PlateRead>(readId, PartitionFor(day), ct))?.Value;

    public async Task<PlateRead?> GetAsync(string readId, string imageBlob, CancellationToken ct = default)
    {
        if (!Core.Captures.CaptureBlobName.TryParse(imageBlob, out var name)) return null;
        return (await _store.ReadAsync<PlateRead>(readId, PartitionFor(name!.Day), ct))?.Value;
    }

    /// <summary>Reads captured in [from, to], day partition by day partition (upload day ≥ capture day).</summary>
    public async Task<IReadOnlyList<PlateRead>> ReadsSinceAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var result = new List<PlateRead>();
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            string pk = PartitionFor(day);
            var q = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.docType = @t AND c.capturedAt >= @from")
                .WithParameter("@pk", pk).WithParameter("@t", DocType).WithParameter("@from", from);
            result.AddRange(await _store.QueryAsync<PlateRead>(q, pk, ct: ct));
        }
        return result;
    }

    public Task<long> CountAsync(CancellationToken ct = default) =>
        _store.CountAsync(new QueryDefinition("SELECT c.id FROM c WHERE c.docType = @t").WithParameter("@t", DocType), ct: ct);
}
