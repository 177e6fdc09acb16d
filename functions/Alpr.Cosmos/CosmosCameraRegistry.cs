using Alpr.Core.Cameras;

namespace Alpr.Cosmos;

/// <summary>Registered cameras (with hashed keys).</summary>
public sealed class CosmosCameraRegistry(CosmosDatabase db)
{
    public const string DocType = "camera";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Cameras), DocType);

    public Task UpsertAsync(Camera camera, CancellationToken ct = default) => _store.UpsertAsync(camera, camera.Id, camera.Id, ct);

    public async Task<Camera?> GetAsync(string id, CancellationToken ct = default) => (await _store.ReadAsync<Camera>(id, id, ct))?.Value;
}
