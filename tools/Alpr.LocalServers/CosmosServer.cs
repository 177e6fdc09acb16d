namespace Alpr.LocalServers;

/// <summary>
/// npm @vercel/cosmosdb-server on a free port over HTTPS with its bundled self-signed certificate
/// (in memory: its data goes when it stops).
/// </summary>
public sealed class CosmosServer : IAsyncDisposable
{
    /// <summary>The Cosmos emulator's published key; the local server accepts any key.</summary>
    public const string Key = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private readonly ServerProcess _process;
    public int Port => _process.Port;
    public string Endpoint => $"https://127.0.0.1:{Port}/";

    private CosmosServer(ServerProcess process) => _process = process;

    /// <param name="scaleFixes">Benchmarks only: start it through <c>shims/cosmosdb-server-scale.js</c> (see <see cref="ScaleFixes"/>).</param>
    public static async Task<CosmosServer> StartAsync(CancellationToken ct = default, bool scaleFixes = false)
    {
        int port = FreePort.Next();
        string cli = Path.Combine(RepoPaths.NodeModules, "@vercel", "cosmosdb-server", "lib", "cli.js");
        if (!File.Exists(cli)) throw new FileNotFoundException("cosmosdb-server is not installed; run ./alpr (npm ci) first", cli);
        List<string> args = scaleFixes ? [ScaleFixes.PathOf(ScaleFixes.CosmosLauncher), "127.0.0.1", port.ToString()] : [cli, "--host", "127.0.0.1", "--port", port.ToString()];
        var p = await ServerProcess.StartAsync("cosmosdb-server", "node", args, port, ct: ct);
        return new CosmosServer(p);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
