using Alpr.Core.Pipeline;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>Quarantine records: why each upload was set aside (no image data).</summary>
public sealed class CosmosQuarantineLog(CosmosDatabase db) : IQuarantineLog
{
    public const string DocType = "quarantine";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Quarantine), DocType);

    public Task RecordAsync(QuarantineRecord record, CancellationToken ct = default) => _store.UpsertAsync(record, record.Id, record.Id, ct);

    public Task<IReadOnlyList<QuarantineRecord>> ListAsync(CancellationToken ct = default) =>
        _store.QueryAsync<QuarantineRecord>(new QueryDefinition("SELECT * FROM c WHERE c.docType = @t").WithParameter("@t", DocType), ct: ct);
}
