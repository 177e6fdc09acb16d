using Alpr.Retention;

namespace Alpr.Functions.Retention;

public static class RetentionServices
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RetentionOptions>(config.GetSection("Retention"));
        services.AddSingleton<CosmosHoldIndex>();
        services.AddSingleton<CosmosHoldStore>();
        services.AddSingleton<CosmosPurgeRecords>();
        services.AddSingleton<ReadHoldMarkers>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton(sp => new PurgeExecutor(
            sp.GetRequiredService<Alpr.Cosmos.CosmosDatabase>(), sp.GetRequiredService<Alpr.Storage.StorageClients>(),
            sp.GetRequiredService<CosmosHoldIndex>(), sp.GetRequiredService<CosmosPurgeRecords>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetentionOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<PurgeHooks>()));
        services.AddSingleton<EvidenceHoldService>();
        services.AddSingleton<OverRetentionReport>();
        services.AddSingleton<Hosting.IFunctionHandler, RetentionPurgeFunction>();
        services.AddSingleton<Hosting.IFunctionHandler, EvidenceHoldStepsFunction>();
        services.AddSingleton<Hosting.IFunctionHandler, EvidenceHoldReviewFunction>();
        services.AddHostedService<EvidenceContainerWarmup>();
        return services;
    }
}

/// <summary>Local runs create the evidence container (in Azure, infra creates it with its immutability policy).</summary>
public sealed class EvidenceContainerWarmup(EvidenceStore evidence, IConfiguration config) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (config.GetValue<bool>("CreateResourcesIfMissing")) await evidence.EnsureCreatedAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
