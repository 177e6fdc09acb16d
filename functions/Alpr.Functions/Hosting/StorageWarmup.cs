using Alpr.Cosmos;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Hosting;

/// <summary>
/// Local and standalone runs create the containers, queues and database they need (in Azure, infra/main.bicep
/// creates them and the app's identity has no right to). Off unless CreateResourcesIfMissing is set.
/// </summary>
public sealed class StorageWarmup(StorageClients storage, CosmosDatabase cosmos, IConfiguration config) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!config.GetValue<bool>("CreateResourcesIfMissing")) return;
        await storage.EnsureCreatedAsync(ct: ct);
        await cosmos.EnsureCreatedAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
