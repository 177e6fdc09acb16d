using Alpr.Core.Cameras;

namespace Alpr.Cosmos;

/// <summary>Registered cameras (with hashed keys).</summary>
public sealed class CosmosCameraRegistry(CosmosDatabase db) : IdPartitionedStore<Camera>(db, CosmosContainers.Cameras, "camera", c => c.Id);
