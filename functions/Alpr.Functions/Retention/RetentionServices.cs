using Alpr.Core.Access;
using Alpr.Core.Events;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;
using Alpr.Functions.Workflows;
using Alpr.Retention;
using Alpr.Retention.Holds;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Retention;

public static class RetentionServices
{
    /// <summary>The purge, the over-retention report, and the evidence-hold workflow with its steps and access rule.</summary>
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
            sp.GetRequiredService<IOptions<RetentionOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<PurgeHooks>()));
        services.AddSingleton<OverRetentionReport>();
        services.AddSingleton<Hosting.IFunctionHandler, RetentionPurgeFunction>();

        services.AddSingleton<IWorkflowDefinition>(sp =>
            new EvidenceHoldWorkflow(new EvidenceHoldSettings(sp.GetRequiredService<IOptions<RetentionOptions>>().Value.HoldReviewInterval)));
        services.AddSingleton<HoldPlacement>();
        services.AddSingleton<IWorkflowStepHandler, MarkHeldStep>();
        services.AddSingleton<IWorkflowStepHandler, CopyEvidenceStep>();
        services.AddSingleton<IWorkflowStepHandler, ScheduleReviewStep>();
        services.AddSingleton<IWorkflowStepHandler, UnmarkStep>();
        services.AddSingleton<IWorkflowStepHandler, PurgeExpiredStep>();
        foreach (var kind in NotifyStep.Kinds)
            services.AddSingleton<IWorkflowStepHandler>(sp => new NotifyStep(kind, sp.GetRequiredService<IEventPublisher>(),
                sp.GetRequiredService<Core.Audit.IAuditLog>(), sp.GetRequiredService<TimeProvider>()));
        // Supervisors who place holds see their status; raising "release" needs the release permission.
        services.AddSingleton(new WorkflowAccessRule(EvidenceHoldWorkflow.WorkflowName, Permission.PlaceEvidenceHold, Permission.ReleaseEvidenceHold));
        services.AddSingleton(new Hosting.FeatureStore((sp, ct) => sp.GetRequiredService<EvidenceStore>().EnsureCreatedAsync(ct)));
        return services;
    }
}
