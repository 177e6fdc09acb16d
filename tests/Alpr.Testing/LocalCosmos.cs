using Alpr.Cosmos;

namespace Alpr.Testing;

public static class LocalCosmos
{
    /// <summary>A fresh database (all containers created) on the shared local Cosmos server.</summary>
    public static async Task<CosmosDatabase> NewDatabaseAsync()
    {
        var servers = await LocalServices.GetAsync();
        var db = new CosmosDatabase(Options(servers, await UsableDatabaseNameAsync(servers, "t")));
        await db.EnsureCreatedAsync();
        return db;
    }

    /// <summary>
    /// Creates a database whose resource id the local server can route. It numbers databases in order and
    /// base64-encodes the number into the id; for some numbers (the 63rd, ...) the id contains '/' or '+', and
    /// every id-based request under it (e.g. a cross-partition query's partition ranges) then fails with 404.
    /// Such databases are left unused and the next number is taken.
    /// </summary>
    public static async Task<string> UsableDatabaseNameAsync(LocalServices servers, string prefix)
    {
        using var probe = new CosmosDatabase(Options(servers, "probe"));
        for (int attempt = 0; attempt < 10; attempt++)
        {
            string name = prefix + Guid.NewGuid().ToString("N")[..12];
            var created = await probe.Client.CreateDatabaseIfNotExistsAsync(name);
            // Self link "/dbs/{rid}/" (or without the slashes): the rid is what lies between "dbs/" and the end.
            string rid = created.Resource.SelfLink.Trim('/')["dbs/".Length..];
            if (!rid.Contains('/') && !rid.Contains('+')) return name;
        }
        throw new InvalidOperationException("the local Cosmos server gave no routable database id in 10 tries");
    }

    public static CosmosOptions Options(LocalServices servers, string database) => new()
    {
        Endpoint = servers.Cosmos.Endpoint,
        Key = Alpr.LocalServers.CosmosServer.Key,
        Database = database,
        AcceptLocalServerCertificate = true,
    };
}
