namespace Alpr.LocalServers;

/// <summary>Azurite (blob + queue) on free ports with its data in a temporary folder that is removed on dispose.</summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's published development account (not a secret: it is the same for every installation).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ServerProcess _blob;
    private readonly string _dataDir;

    public int BlobPort { get; }
    public int QueuePort { get; }
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};";

    private Azurite(ServerProcess blob, string dataDir, int blobPort, int queuePort)
    {
        _blob = blob;
        _dataDir = dataDir;
        BlobPort = blobPort;
        QueuePort = queuePort;
    }

    /// <param name="scaleFixes">
    /// Benchmarks only: remove the metadata store's costs that grow with the number of stored blobs (see
    /// <see cref="ScaleFixes"/>): keep metadata and content in memory (no periodic rewrite of the whole metadata
    /// file) and preload <c>shims/azurite-loki-scale.js</c>.
    /// </param>
    public static async Task<Azurite> StartAsync(CancellationToken ct = default, bool scaleFixes = false)
    {
        string dataDir = Directory.CreateTempSubdirectory("alpr-azurite-").FullName;
        int blobPort = FreePort.Next(), queuePort = FreePort.Next(), tablePort = FreePort.Next();
        string script = Path.Combine(RepoPaths.NodeModules, "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script)) throw new FileNotFoundException("Azurite is not installed; run ./alpr (npm ci) first", script);
        // --skipApiVersionCheck: the current SDK speaks a newer service version than Azurite 3.37 accepts.
        // --disableTelemetry: Azurite otherwise traces every request for Application Insights (CPU per request,
        // and nothing here should report anywhere).
        List<string> args = [script, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString()];
        args.AddRange(scaleFixes ? ["--inMemoryPersistence"] : ["--location", dataDir]);
        if (scaleFixes) args.InsertRange(0, ScaleFixes.Preload(ScaleFixes.AzuriteShim));
        var p = await ServerProcess.StartAsync("azurite", "node", args, blobPort, ct: ct);
        await FreePort.WaitUntilListeningAsync(queuePort, TimeSpan.FromSeconds(30), () => false, ct);
        return new Azurite(p, dataDir, blobPort, queuePort);
    }

    public async ValueTask DisposeAsync()
    {
        await _blob.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
