namespace Alpr.Cosmos;

/// <summary>Records that live alone in their partition (pk = id) and are read by id on every request.</summary>
public abstract class IdPartitionedStore<T>(CosmosDatabase db, string container, string docType, Func<T, string> idOf)
{
    private readonly DocumentStore _store = new(db.Container(container), docType);

    public Task UpsertAsync(T value, CancellationToken ct = default) => _store.UpsertAsync(value, idOf(value), idOf(value), ct);

    public async Task<T?> GetAsync(string id, CancellationToken ct = default) => await _store.ReadAsync<T>(id, id, ct) is { } v ? v.Value : default;
}
