using Alpr.Core.Access;
using Alpr.Core.Events;
using Alpr.Core.Releases;
using Alpr.Core.Workflows;
using Alpr.Cosmos;
using Alpr.Functions.Workflows;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Releases;

public static class ReleaseServices
{
    /// <summary>The release workflow, its steps, and who may see its status through the generic workflow endpoints.</summary>
    public static IServiceCollection AddAlprReleases(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ReleaseOptions>(config.GetSection("Releases"));
        services.AddSingleton<IWorkflowDefinition>(sp => new ReleaseWorkflow(new ReleaseWorkflowSettings(sp.GetRequiredService<IOptions<ReleaseOptions>>().Value.ApprovalWindow)));
        services.AddSingleton<IWorkflowStepHandler, ReleaseExportStep>();
        foreach (var type in ReleasePublishStep.Types)
            services.AddSingleton<IWorkflowStepHandler>(sp => new ReleasePublishStep(type, sp.GetRequiredService<IEventPublisher>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CosmosReleaseReads>();
        services.AddSingleton<ReleaseApprovers>();
        // Status is for supervisors; decisions go through the approval link, so raiseEvent needs ApproveRelease and the link's nonce.
        services.AddSingleton(new WorkflowAccessRule(ReleaseWorkflow.WorkflowName, Permission.ApproveRelease, Permission.ApproveRelease));
        return services;
    }
}
