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

    public async Task<StoredAlert?> GetAsync(string id, CancellationToken ct = default) =>
        await _store.ReadAsync<HitAlert>(id, id, ct) is { } v ? new StoredAlert(v.Value, v.ETag) : null;

    public Task<bool> ReplaceAsync(HitAlert alert, string etag, CancellationToken ct = default) => _store.ReplaceAsync(alert, alert.Id, alert.Id, etag, ct);
}
