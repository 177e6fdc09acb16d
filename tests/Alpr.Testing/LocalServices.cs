using Alpr.LocalServers;

namespace Alpr.Testing;

/// <summary>
/// Azurite, the Cosmos server and an Event Grid topic stand-in, started once per test process on free ports and
/// stopped when it exits. Tests isolate themselves by using their own container / database / camera names.
/// </summary>
public sealed class LocalServices
{
    private static readonly Lazy<Task<LocalServices>> Instance = new(StartAsync);

    public required Azurite Azurite { get; init; }
    public required CosmosServer Cosmos { get; init; }
    public required LocalEventGridTopic EventGrid { get; init; }

    public static Task<LocalServices> GetAsync() => Instance.Value;

    private static async Task<LocalServices> StartAsync()
    {
        var azurite = Azurite.StartAsync();
        var cosmos = CosmosServer.StartAsync();
        var topic = LocalEventGridTopic.StartAsync();
        await Task.WhenAll(azurite, cosmos, topic);
        var services = new LocalServices { Azurite = azurite.Result, Cosmos = cosmos.Result, EventGrid = topic.Result };
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            services.Azurite.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            services.Cosmos.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        };
        return services;
    }
}
