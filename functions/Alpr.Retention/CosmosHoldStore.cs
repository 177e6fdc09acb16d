using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Alpr.Retention;

/// <summary>Hold instance documents (docType "hold", partition = hold id), read and replaced with their ETag.</summary>
public sealed class CosmosHoldStore(CosmosDatabase db)
{
    public const string DocType = "hold";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Holds), DocType);

    public Task<bool> CreateAsync(EvidenceHold hold, CancellationToken ct) => _store.CreateIfAbsentAsync(hold, hold.HoldId, hold.HoldId, ct);

    public Task<Versioned<EvidenceHold>?> GetAsync(string holdId, CancellationToken ct) => _store.ReadAsync<EvidenceHold>(holdId, holdId, ct);

    public Task<bool> ReplaceAsync(EvidenceHold hold, string etag, CancellationToken ct) => _store.ReplaceAsync(hold, hold.HoldId, hold.HoldId, etag, ct);

    /// <summary>Holds whose workflow has a step left (crashed mid-way or still running).</summary>
    public Task<IReadOnlyList<EvidenceHold>> UnfinishedAsync(CancellationToken ct) =>
        _store.QueryAsync<EvidenceHold>(new QueryDefinition("SELECT * FROM c WHERE c.docType = @t AND c.nextStep != @done")
            .WithParameter("@t", DocType).WithParameter("@done", "done"), ct: ct);

    public Task<IReadOnlyList<EvidenceHold>> AllAsync(CancellationToken ct) =>
        _store.QueryAsync<EvidenceHold>(new QueryDefinition("SELECT * FROM c WHERE c.docType = @t").WithParameter("@t", DocType), ct: ct);
}
