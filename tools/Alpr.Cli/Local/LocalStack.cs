using System.Diagnostics;
using Alpr.Cosmos;
using Alpr.LocalServers;
using Alpr.Storage;

namespace Alpr.Cli.Local;

/// <summary>
/// Everything `./alpr demo` and `./alpr up` run: Azurite, the Cosmos server, a local Event Grid topic, and the
/// app itself as a separate standalone process configured to use them. Disposing stops all of it.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    public required Azurite Azurite { get; init; }
    public required CosmosServer Cosmos { get; init; }
    public required LocalEventGridTopic EventGrid { get; init; }
    public required StorageClients Storage { get; init; }
    public required CosmosDatabase Database { get; init; }
    public required string SigningKey { get; init; }
    public ServerProcess? App { get; private set; }
    public Uri AppUrl { get; private set; } = new("http://127.0.0.1");

    public static async Task<LocalStack> StartServersAsync(CancellationToken ct)
    {
        var azurite = Azurite.StartAsync(ct);
        var cosmos = CosmosServer.StartAsync(ct);
        var topic = LocalEventGridTopic.StartAsync(ct: ct);
        await Task.WhenAll(azurite, cosmos, topic);
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.Result.ConnectionString, RequireHttps = false });
        var db = new CosmosDatabase(new CosmosOptions { Endpoint = cosmos.Result.Endpoint, Key = CosmosServer.Key, AcceptLocalServerCertificate = true });
        await storage.EnsureCreatedAsync(ct: ct);
        await db.EnsureCreatedAsync(ct);
        return new LocalStack
        {
            Azurite = azurite.Result, Cosmos = cosmos.Result, EventGrid = topic.Result, Storage = storage, Database = db,
            SigningKey = DevTokens.LocalSigningKey(),
        };
    }

    /// <summary>Starts the built app (standalone mode) against the local servers and waits until it answers.</summary>
    public async Task StartAppAsync(string configuration, CancellationToken ct)
    {
        string dll = Path.Combine(RepoPaths.Root, "functions", "Alpr.Functions", "bin", configuration, "net10.0", "Alpr.Functions.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("the app is not built; run it through ./alpr", dll);
        int port = FreePort.Next();
        AppUrl = new Uri($"http://127.0.0.1:{port}");
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Alpr"] = "Information",
            ["CreateResourcesIfMissing"] = "true",
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Storage__RequireHttps"] = "false",
            ["Cosmos__Endpoint"] = Cosmos.Endpoint,
            ["Cosmos__Key"] = CosmosServer.Key,
            ["Cosmos__AcceptLocalServerCertificate"] = "true",
            ["EventGrid__TopicEndpoint"] = EventGrid.Endpoint.ToString(),
            ["EventGrid__Key"] = EventGrid.Key,
            ["Standalone__Enabled"] = "true",
            ["Captures__NotifyPendingCaptures"] = "true",
            ["Auth__DevSigningKey"] = SigningKey,
            // A fresh approval-link key per local run (never stored), and a retention preset so purges can run.
            ["Releases__LinkSigningKey"] = DevTokens.NewSigningKey(),
            ["Retention__Policy"] = "palm-springs",
        };
        App = await ServerProcess.StartAsync("app", "dotnet", [dll, "--urls", AppUrl.ToString()], port, env,
            workingDirectory: Path.GetDirectoryName(dll), timeout: TimeSpan.FromSeconds(90), ct: ct);
        using var http = new HttpClient { BaseAddress = AppUrl };
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(90))
        {
            try { if ((await http.GetAsync("/", ct)).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException("the app did not become ready:\n" + App.Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        Database.Dispose();
        await EventGrid.DisposeAsync();
        await Cosmos.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
