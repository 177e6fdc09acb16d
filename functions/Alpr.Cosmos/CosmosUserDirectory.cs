using Alpr.Core.Access;

namespace Alpr.Cosmos;

/// <summary>ALPR users: role, training and approval.</summary>
public sealed class CosmosUserDirectory(CosmosDatabase db) : IdPartitionedStore<AlprUser>(db, CosmosContainers.Users, "user", u => u.Id);
