using Alpr.Cosmos;

namespace Alpr.Testing;

public static class LocalCosmos
{
    /// <summary>A fresh database (all containers created) on the shared local Cosmos server.</summary>
    public static async Task<CosmosDatabase> NewDatabaseAsync()
    {
        var servers = await LocalServices.GetAsync();
        var db = new CosmosDatabase(Options(servers, "t" + Guid.NewGuid().ToString("N")[..12]));
        await db.EnsureCreatedAsync();
        return db;
    }

    public static CosmosOptions Options(LocalServices servers, string database) => new()
    {
        Endpoint = servers.Cosmos.Endpoint,
        Key = Alpr.LocalServers.CosmosServer.Key,
        Database = database,
        AcceptLocalServerCertificate = true,
    };
}
