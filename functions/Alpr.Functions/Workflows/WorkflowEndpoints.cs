using System.Text.Json;
using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Core.Workflows;
using Alpr.Functions.Access;

namespace Alpr.Functions.Workflows;

/// <summary>
/// Durable-style status and raise-event endpoints for every workflow:
/// <c>GET /api/workflows/{id}?showHistory=true</c> (202 running / 200 ended / 404) and
/// <c>POST /api/workflows/{id}/raiseEvent/{name}</c> (202 / 400 not JSON or not applicable / 404 / 410 ended).
/// Permissions come from the workflow's <see cref="WorkflowAccessRule"/>; both are audited.
/// </summary>
public static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this WebApplication app)
    {
        app.MapGet("/api/workflows/{id}", StatusAsync).AddEndpointFilter(new WorkflowPermissionFilter(raise: false));
        app.MapPost("/api/workflows/{id}/raiseEvent/{name}", RaiseAsync).AddEndpointFilter(new WorkflowPermissionFilter(raise: true));
    }

    private static async Task<IResult> StatusAsync(string id, bool? showHistory, HttpContext ctx, IWorkflowStore store, AuditTrail audit, CancellationToken ct)
    {
        var stored = await store.ReadAsync(id, ct);
        if (stored is null) return Results.NotFound(new { error = $"no workflow instance {id}" });
        await audit.RecordAsync(ctx, ctx.Caller(), "workflow.status", AuditOutcome.Allowed, target: id, ct: ct);
        return WorkflowStatus.Result(ctx, stored.Instance, showHistory == true);
    }

    private static async Task<IResult> RaiseAsync(string id, string name, HttpContext ctx, WorkflowEngine engine, AuditTrail audit, CancellationToken ct)
    {
        JsonNode? payload;
        try { payload = ctx.Request.ContentLength == 0 ? null : await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ct); }
        catch (JsonException e) { return Results.BadRequest(new { error = $"event body is not JSON: {e.Message}" }); }
        if (name == WorkflowEvent.Timeout || name.StartsWith("step:", StringComparison.Ordinal))
            return Results.BadRequest(new { error = $"event {name} is raised by the runtime, not by people" });

        var user = ctx.Caller();
        var outcome = await engine.RaiseAsync(id, new WorkflowEvent(name, payload, user.Id), ct);
        var auditOutcome = outcome.Result == RaiseResult.Accepted ? AuditOutcome.Allowed : AuditOutcome.Refused;
        await audit.RecordAsync(ctx, user, $"workflow.raise.{name}", auditOutcome, target: id, detail: outcome.Refusal, ct: ct);
        return outcome.Result switch
        {
            RaiseResult.Accepted => Results.Accepted(WorkflowStatus.StatusPath(id)),
            RaiseResult.NotFound => Results.NotFound(new { error = $"no workflow instance {id}" }),
            RaiseResult.Gone => Results.Json(new { error = outcome.Refusal }, statusCode: StatusCodes.Status410Gone),
            _ => Results.BadRequest(new { error = outcome.Refusal }),
        };
    }
}
