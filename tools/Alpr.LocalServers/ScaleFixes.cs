namespace Alpr.LocalServers;

/// <summary>
/// Opt-in fixes for two stand-in costs that grow with the data stored, found by profiling the purge benchmark.
/// Each is a small script loaded into the unchanged npm server; none changes an answer, and the server fails to
/// start if the library no longer has the shape a fix expects. Tests and
/// <c>./alpr up</c> run the servers as installed; only <c>./alpr bench purge</c> asks for these (its
/// <c>--stock-servers</c> flag measures without them).
/// <list type="bullet">
/// <item><c>shims/cosmosdb-query-linear-from.js</c>: the Cosmos server's query library copies its accumulator once
/// per document in every FROM, so each query costs O(N²) in the documents of the container.</item>
/// <item><c>shims/cosmosdb-server-scale.js</c> starts the Cosmos server through its library API with its own
/// <c>keepAlive</c> option (its CLI closes the connection after every response: a TLS handshake per request),
/// with the query fix loaded.</item>
/// <item><c>shims/azurite-loki-scale.js</c>: Azurite's LokiJS metadata store rebuilds every index on each blob
/// delete and scans the whole account on each lookup.</item>
/// </list>
/// </summary>
public static class ScaleFixes
{
    public const string AzuriteShim = "azurite-loki-scale.js";
    public const string CosmosLauncher = "cosmosdb-server-scale.js";

    public static string PathOf(string shim) => Path.Combine(RepoPaths.Root, "tools", "Alpr.LocalServers", "shims", shim);

    public static string[] Preload(string shim)
    {
        string path = PathOf(shim);
        if (!File.Exists(path)) throw new FileNotFoundException("local-server shim missing", path);
        return ["--require", path];
    }
}
