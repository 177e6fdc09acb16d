using Alpr.Cosmos;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Hosting;

/// <summary>
/// Local and standalone runs create the containers, queues and database they need (in Azure, infra/main.bicep
/// creates them and the app's identity has no right to), then the stores features add (<see cref="FeatureStore"/>).
/// Off unless CreateResourcesIfMissing is set.
/// </summary>
public sealed class StorageWarmup(StorageClients storage, CosmosDatabase cosmos, IEnumerable<FeatureStore> features,
    IServiceProvider services, IConfiguration config) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!config.GetValue<bool>("CreateResourcesIfMissing")) return;
        await storage.EnsureCreatedAsync(ct: ct);
        await cosmos.EnsureCreatedAsync(ct);
        foreach (var feature in features) await feature.EnsureCreatedAsync(services, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A container a feature owns (evidence, reports) that local runs create along with the shared ones.</summary>
public sealed record FeatureStore(Func<IServiceProvider, CancellationToken, Task> EnsureCreatedAsync);
