using Alpr.Core.Alerts;
using Alpr.Core.Audit;
using Alpr.Core.Events;
using Alpr.Core.Hotlists;
using Alpr.Core.Pipeline;
using Alpr.Cosmos;
using Alpr.Events;
using Alpr.Functions.Access;
using Alpr.Functions.Alerts;
using Alpr.Functions.AuditLog;
using Alpr.Functions.Reads;
using Alpr.Functions.Captures;
using Alpr.Functions.Hotlists;
using Alpr.Functions.Retention;
using Alpr.Functions.Standalone;
using Alpr.Functions.Workflows;
using Alpr.Functions.Releases;
using Alpr.Functions.Reports;
using Alpr.Core.Workflows;
using Alpr.Hotlists;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Hosting;

/// <summary>Composition root: options from configuration, one adapter instance per outside service.</summary>
public static class AppServices
{
    public static IServiceCollection AddAlprApp(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(TimeProvider.System);
        services.Configure<StorageOptions>(config.GetSection("Storage"));
        services.Configure<CosmosOptions>(config.GetSection("Cosmos"));
        services.Configure<EventGridOptions>(config.GetSection("EventGrid"));
        services.Configure<CaptureProcessorOptions>(config.GetSection("Pipeline"));
        services.Configure<CaptureApiOptions>(config.GetSection("Captures"));
        services.Configure<StandaloneOptions>(config.GetSection("Standalone"));

        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<BlobSasIssuer>();
        services.AddSingleton<ICaptureStore, BlobCaptureStore>();
        services.AddSingleton<PendingCaptureQueue>();
        services.AddSingleton<HotlistFeedStore>();

        services.AddSingleton(sp => new CosmosDatabase(sp.GetRequiredService<IOptions<CosmosOptions>>().Value));
        services.AddAdapter<IReadStore, CosmosReadStore>();
        services.AddAdapter<IAlertStore, CosmosAlertStore>();
        services.AddAdapter<IQuarantineLog, CosmosQuarantineLog>();
        services.AddAdapter<IAuditLog, CosmosAuditLog>();
        services.AddSingleton<CosmosCameraRegistry>();
        services.AddSingleton<CosmosHotlistStore>();
        services.AddSingleton<CosmosUserDirectory>();
        services.AddSingleton<CosmosReadSearch>();
        services.Configure<Alpr.Core.Search.UseGuardOptions>(config.GetSection("Search"));
        services.AddSingleton<AuditTrail>();
        services.AddAlprAuthentication(config);

        services.AddSingleton<IEventPublisher>(sp => new EventGridEventPublisher(sp.GetRequiredService<IOptions<EventGridOptions>>().Value));

        services.AddSingleton<HotlistMatcher>();
        services.AddSingleton<IHotlistMatcher>(sp => sp.GetRequiredService<HotlistMatcher>());
        services.AddSingleton<HotlistIndexLoader>();
        services.AddSingleton<HotlistImporter>();
        services.AddSingleton<AlertVerifier>();

        services.AddPlateRecognition(config);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CaptureProcessorOptions>>().Value);
        services.AddSingleton(sp => new DuplicateAlertFilter(sp.GetRequiredService<CaptureProcessorOptions>().DuplicateAlertWindow));
        services.AddSingleton<CaptureProcessor>();

        services.AddSingleton(new FunctionCatalog(AppContext.BaseDirectory));
        services.AddSingleton<ProcessCaptureFunction>();
        services.AddSingleton<IFunctionHandler>(sp => sp.GetRequiredService<ProcessCaptureFunction>());
        services.AddSingleton<HotlistRefreshFunction>();
        services.AddSingleton<IFunctionHandler>(sp => sp.GetRequiredService<HotlistRefreshFunction>());
        services.AddRetention(config);

        services.Configure<WorkflowOptions>(config.GetSection("Workflows"));
        services.AddAdapter<IWorkflowStore, CosmosWorkflowStore>();
        services.AddAdapter<IWorkflowStepQueue, WorkflowStepQueue>();
        services.AddSingleton<WorkflowEngine>();
        services.AddSingleton<WorkflowStepRunner>();
        services.AddSingleton<IFunctionHandler, WorkflowStepsFunction>();
        services.AddSingleton<IFunctionHandler, WorkflowTimeoutsFunction>();

        services.AddAlprReleases(config);
        services.AddAlprReports(config);

        services.AddHostedService<StorageWarmup>();
        services.AddHostedService<HotlistWarmup>();
        if (config.GetValue<bool>("Standalone:Enabled"))
        {
            services.AddHostedService<PendingCaptureLoop>();
            services.AddHostedService<TimerLoop>();
            services.AddHostedService<WorkflowStepLoop>();
        }
        return services;
    }

    /// <summary>One instance, reachable both as the core's port and as the adapter (for adapter-only members).</summary>
    private static void AddAdapter<TPort, TAdapter>(this IServiceCollection services) where TPort : class where TAdapter : class, TPort
    {
        services.AddSingleton<TAdapter>();
        services.AddSingleton<TPort>(sp => sp.GetRequiredService<TAdapter>());
    }

    public static void MapAlprEndpoints(this WebApplication app)
    {
        app.MapCaptureEndpoints();
        app.MapHotlistEndpoints();
        app.MapAlertEndpoints();
        app.MapReadEndpoints();
        app.MapAuditEndpoints();
        app.MapRetentionEndpoints();
        app.MapHoldEndpoints();
        app.MapWorkflowEndpoints();
        app.MapReleaseEndpoints();
        app.MapReportEndpoints();
    }
}
