using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Workflows;
using Alpr.Functions.Access;

namespace Alpr.Functions.Workflows;

/// <summary>
/// Picks the permission from the instance's workflow, then applies the ordinary <see cref="PermissionFilter"/>
/// (token, standing, role; refusals audited). A workflow with no access rule is refused to everyone.
/// </summary>
public sealed class WorkflowPermissionFilter(bool raise) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        // No token: let the ordinary filter answer 401 (and audit it) before anything about the instance is revealed.
        if (ctx.User.Identity?.IsAuthenticated != true)
            return await new PermissionFilter(Permission.ViewAuditLog).InvokeAsync(context, next);

        string id = ctx.Request.RouteValues["id"]?.ToString() ?? "";
        var stored = await ctx.RequestServices.GetRequiredService<IWorkflowStore>().ReadAsync(id, ctx.RequestAborted);
        if (stored is null) return Results.NotFound(new { error = $"no workflow instance {id}" });

        var rule = ctx.RequestServices.GetServices<WorkflowAccessRule>().FirstOrDefault(r => r.Workflow == stored.Instance.Name);
        if (rule is null)
        {
            await ctx.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(ctx, null, $"{ctx.Request.Method} {ctx.Request.Path}",
                AuditOutcome.Refused, target: id, detail: $"workflow {stored.Instance.Name} has no access rule", ct: ctx.RequestAborted);
            return Results.Json(new { error = "this workflow is not exposed" }, statusCode: 403);
        }
        return await new PermissionFilter(raise ? rule.Raise : rule.View).InvokeAsync(context, next);
    }
}
