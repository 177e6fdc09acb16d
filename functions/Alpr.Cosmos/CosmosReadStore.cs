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

    public Task UpsertAsync(PlateRead read, CancellationToken ct = default) => _store.UpsertAsync(read, read.Id, PartitionFor(read), ct);

    public Task<IReadOnlyList<PlateRead>> GetByCaptureAsync(string captureId, DateOnly day, CancellationToken ct = default)
    {
        string pk = PartitionFor(day);
        var q = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.docType = @t AND c.captureId = @id")
            .WithParameter("@pk", pk).WithParameter("@t", DocType).WithParameter("@id", captureId);
        return _store.QueryAsync<PlateRead>(q, pk, ct: ct);
    }

    public Task<long> CountAsync(CancellationToken ct = default) =>
        _store.CountAsync(new QueryDefinition("SELECT c.id FROM c WHERE c.docType = @t").WithParameter("@t", DocType), ct: ct);
}
