using Alpr.Core.Access;

namespace Alpr.Cosmos;

/// <summary>ALPR users, one partition each.</summary>
public sealed class CosmosUserDirectory(CosmosDatabase db)
{
    public const string DocType = "user";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Users), DocType);

    public Task UpsertAsync(AlprUser user, CancellationToken ct = default) => _store.UpsertAsync(user, user.Id, user.Id, ct);

    public async Task<AlprUser?> GetAsync(string id, CancellationToken ct = default) => (await _store.ReadAsync<AlprUser>(id, id, ct))?.Value;
}
