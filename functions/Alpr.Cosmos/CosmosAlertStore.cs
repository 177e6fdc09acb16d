using Alpr.Core.Alerts;
using Alpr.Core.Pipeline;

namespace Alpr.Cosmos;

/// <summary>Hit alerts, one partition per alert: each is read and updated on its own by operators.</summary>
public sealed class CosmosAlertStore(CosmosDatabase db) : IAlertStore
{
    public const string DocType = "alert";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Alerts), DocType);

    public DocumentStore Documents => _store;

    public Task<bool> CreateIfAbsentAsync(HitAlert alert, CancellationToken ct = default) => _store.CreateIfAbsentAsync(alert, alert.Id, alert.Id, ct);

    public Task<Versioned<HitAlert>?> GetAsync(string id, CancellationToken ct = default) => _store.ReadAsync<HitAlert>(id, id, ct);
}
