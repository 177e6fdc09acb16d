using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;
using Alpr.Functions.Access;
using Alpr.Functions.Workflows;
using Alpr.Retention;
using Alpr.Retention.Holds;

namespace Alpr.Functions.Retention;

public sealed record HoldSearch(string? Plate, string? CameraId, DateTimeOffset? From, DateTimeOffset? To);

public sealed record PlaceHoldRequest(string? CaseNumber, string? LegalBasis, IReadOnlyList<string>? ReadIds, HoldSearch? Search, string? CaseOwner);

public sealed record ReleaseHoldRequest(string? Reason);

/// <summary>
/// The friendly API of the "evidence-hold" workflow: <c>POST /api/holds</c> starts it (202, Location and
/// <c>statusQueryGetUri</c> = <c>/api/workflows/{id}</c>, as Durable answers a start); <c>GET /api/holds/{id}</c>
/// shows the hold (state, steps, review date, manifest, history); <c>POST /api/holds/{id}/release</c> raises its
/// "release" event (202). The steps run from the shared workflow-steps queue.
/// </summary>
public static class HoldEndpoints
{
    public static void MapHoldEndpoints(this WebApplication app)
    {
        app.MapPost("/api/holds", PlaceAsync).RequirePermission(Permission.PlaceEvidenceHold);
        app.MapGet("/api/holds/{id}", StatusAsync).RequirePermission(Permission.PlaceEvidenceHold);
        app.MapPost("/api/holds/{id}/release", ReleaseAsync).RequirePermission(Permission.ReleaseEvidenceHold);
    }

    private static async Task<IResult> PlaceAsync(HttpContext ctx, HoldPlacement placement, ReadHoldMarkers reads, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var user = ctx.Caller();
        PlaceHoldRequest? body;
        try { body = await ctx.Request.ReadFromJsonAsync<PlaceHoldRequest>(ct); }
        catch (JsonException) { return Results.BadRequest(new { error = "body must be JSON: {caseNumber, legalBasis, readIds | search, caseOwner}" }); }
        if (body is null) return Results.BadRequest(new { error = "body is required" });
        if ((body.ReadIds is { Count: > 0 }) == (body.Search is not null))
            return Results.BadRequest(new { error = "give either readIds or search, not both" });

        List<HeldReadRef> found;
        if (body.ReadIds is { Count: > 0 } ids)
        {
            if (ids.Count > HoldRequestValidation.MaxReads) return Results.BadRequest(new { error = $"a hold covers at most {HoldRequestValidation.MaxReads} reads" });
            var (hit, missing) = await reads.FindAsync(ids, ct);
            if (missing.Count > 0) return Results.BadRequest(new { error = "unknown read ids", missing = missing.Take(20) });
            found = hit;
        }
        else
        {
            var s = body.Search!;
            if (s.From is null || s.To is null || s.To <= s.From || (s.Plate is null && s.CameraId is null))
                return Results.BadRequest(new { error = "search needs from < to and a plate or a cameraId" });
            found = await reads.SearchAsync(s.Plate?.Trim().ToUpperInvariant(), s.CameraId, s.From.Value, s.To.Value, HoldRequestValidation.MaxReads, time.GetUtcNow(), ct);
        }
        var error = HoldRequestValidation.Validate(body.CaseNumber, body.LegalBasis, found.Count, out var basis);
        if (error is not null)
        {
            await audit.RecordAsync(ctx, user, "hold.place", AuditOutcome.Refused, caseNumber: body.CaseNumber?[..Math.Min(40, body.CaseNumber.Length)], detail: error, ct: ct);
            return Results.BadRequest(new { error });
        }

        string holdId = HoldPlacement.NewHoldId();
        var file = new HoldFile(body.CaseNumber!, basis, found, user.Id, body.CaseOwner ?? user.Id, time.GetUtcNow());
        await audit.RecordAsync(ctx, user, "hold.place", AuditOutcome.Allowed, target: holdId, reason: basis.ToString(), caseNumber: file.CaseNumber,
            query: body.Search is null ? null : JsonSerializer.Serialize(body.Search), resultCount: found.Count, ct: ct);
        var instance = await placement.PlaceAsync(holdId, file, ct);
        return Started(ctx, instance);
    }

    private static async Task<IResult> StatusAsync(HttpContext ctx, string id, IWorkflowStore store, AuditTrail audit, CancellationToken ct)
    {
        var stored = await store.ReadAsync(id, ct);
        var hold = stored?.Instance.Name == EvidenceHoldWorkflow.WorkflowName ? EvidenceHoldView.From(stored.Instance) : null;
        await audit.RecordAsync(ctx, ctx.Caller(), "hold.status", hold is null ? AuditOutcome.Failed : AuditOutcome.Allowed, target: id, caseNumber: hold?.CaseNumber, ct: ct);
        return hold is null ? Results.NotFound(new { error = "no such hold" }) : Results.Ok(Body(stored!.Instance, hold));
    }

    private static async Task<IResult> ReleaseAsync(HttpContext ctx, string id, WorkflowEngine engine, IWorkflowStore store, AuditTrail audit, CancellationToken ct)
    {
        var user = ctx.Caller();
        ReleaseHoldRequest? body;
        try { body = await ctx.Request.ReadFromJsonAsync<ReleaseHoldRequest>(ct); }
        catch (JsonException) { return Results.BadRequest(new { error = "body must be JSON: {reason}" }); }
        if (string.IsNullOrWhiteSpace(body?.Reason) || body.Reason.Length > 500)
            return Results.BadRequest(new { error = "reason is required (e.g. 'case closed'), at most 500 characters" });
        var stored = await store.ReadAsync(id, ct);
        if (stored?.Instance.Name != EvidenceHoldWorkflow.WorkflowName) return Results.NotFound(new { error = "no such hold" });
        var hold = EvidenceHoldView.From(stored.Instance);
        if (hold.State != HoldState.Active)
            return Results.Conflict(new { error = $"hold is {hold.State}; only an active hold can be released" });

        var outcome = await engine.RaiseAsync(id, new WorkflowEvent(EvidenceHoldWorkflow.ReleaseEvent, WorkflowJson.ToNode(new HoldRelease(body.Reason)), user.Id), ct);
        bool accepted = outcome.Result == RaiseResult.Accepted;
        await audit.RecordAsync(ctx, user, "hold.release", accepted ? AuditOutcome.Allowed : AuditOutcome.Refused, target: id, reason: body.Reason,
            caseNumber: hold.CaseNumber, detail: outcome.Refusal, ct: ct);
        return accepted ? Started(ctx, outcome.Instance!) : Results.Conflict(new { error = outcome.Refusal });
    }

    /// <summary>202 with Location and Retry-After pointing at the workflow status, as Durable answers.</summary>
    private static IResult Started(HttpContext ctx, WorkflowInstance instance)
    {
        ctx.Response.Headers.Location = WorkflowStatus.StatusPath(instance.Id);
        ctx.Response.Headers.RetryAfter = "10";
        return Results.Json(Body(instance, EvidenceHoldView.From(instance)), statusCode: StatusCodes.Status202Accepted);
    }

    private static object Body(WorkflowInstance instance, EvidenceHold hold)
    {
        string statusUri = WorkflowStatus.StatusPath(instance.Id);
        return new
        {
            id = instance.Id, runtimeStatus = instance.RuntimeStatus.ToString(), state = hold.State.ToString(), nextStep = hold.NextStep.ToString(),
            statusQueryGetUri = statusUri, sendEventPostUri = statusUri + "/raiseEvent/{eventName}", hold,
        };
    }
}
