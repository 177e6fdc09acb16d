using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Retention.Holds;
using Alpr.Functions.Access;
using Alpr.Retention;

namespace Alpr.Functions.Retention;

public sealed record HoldSearch(string? Plate, string? CameraId, DateTimeOffset? From, DateTimeOffset? To);

public sealed record PlaceHoldRequest(string? CaseNumber, string? LegalBasis, IReadOnlyList<string>? ReadIds, HoldSearch? Search, string? CaseOwner);

public sealed record ReleaseHoldRequest(string? Reason);

/// <summary>
/// Evidence holds, Durable-style: <c>POST /api/holds</c> starts the workflow and answers 202 with the status
/// URL; <c>GET /api/holds/{id}</c> gives state and history; <c>POST /api/holds/{id}/release</c> releases it.
/// </summary>
public static class HoldEndpoints
{
    public static void MapHoldEndpoints(this WebApplication app)
    {
        app.MapPost("/api/holds", PlaceAsync).RequirePermission(Permission.PlaceEvidenceHold);
        app.MapGet("/api/holds/{id}", StatusAsync).RequirePermission(Permission.PlaceEvidenceHold);
        app.MapPost("/api/holds/{id}/release", ReleaseAsync).RequirePermission(Permission.ReleaseEvidenceHold);
    }

    private static async Task<IResult> PlaceAsync(HttpContext ctx, EvidenceHoldService holds, ReadHoldMarkers reads, AuditTrail audit, CancellationToken ct)
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
            if (ids.Count > HoldWorkflow.MaxReads) return Results.BadRequest(new { error = $"a hold covers at most {HoldWorkflow.MaxReads} reads" });
            var (hit, missing) = await reads.FindAsync(ids, ct);
            if (missing.Count > 0) return Results.BadRequest(new { error = "unknown read ids", missing = missing.Take(20) });
            found = hit;
        }
        else
        {
            var s = body.Search!;
            if (s.From is null || s.To is null || s.To <= s.From || (s.Plate is null && s.CameraId is null))
                return Results.BadRequest(new { error = "search needs from < to and a plate or a cameraId" });
            found = await reads.SearchAsync(s.Plate?.Trim().ToUpperInvariant(), s.CameraId, s.From.Value, s.To.Value, HoldWorkflow.MaxReads, ct);
        }
        var error = HoldWorkflow.Validate(body.CaseNumber, body.LegalBasis, found.Count, out var basis);
        if (error is not null)
        {
            await audit.RecordAsync(ctx, user, "hold.place", AuditOutcome.Refused, caseNumber: body.CaseNumber?[..Math.Min(40, body.CaseNumber.Length)], detail: error, ct: ct);
            return Results.BadRequest(new { error });
        }

        var hold = await holds.CreateAsync(body.CaseNumber!, basis, found, user.Id, body.CaseOwner ?? user.Id, ct);
        await audit.RecordAsync(ctx, user, "hold.place", AuditOutcome.Allowed, target: hold.HoldId, reason: basis.ToString(), caseNumber: hold.CaseNumber,
            query: body.Search is null ? null : JsonSerializer.Serialize(body.Search), resultCount: found.Count, ct: ct);
        // Runs the steps now; if the process dies mid-way, the EvidenceHoldSteps timer continues from the recorded step.
        var advanced = await holds.AdvanceAsync(hold.HoldId, ct: ct) ?? hold;
        string status = $"/api/holds/{hold.HoldId}";
        return Results.Accepted(status, new { id = hold.HoldId, statusQueryGetUri = status, runtimeStatus = advanced.State.ToString(), hold = advanced });
    }

    private static async Task<IResult> StatusAsync(HttpContext ctx, string id, CosmosHoldStore store, AuditTrail audit, CancellationToken ct)
    {
        var hold = await store.GetAsync(id, ct);
        await audit.RecordAsync(ctx, ctx.Caller(), "hold.status", hold is null ? AuditOutcome.Failed : AuditOutcome.Allowed, target: id,
            caseNumber: hold?.Value.CaseNumber, ct: ct);
        return hold is null ? Results.NotFound(new { error = "no such hold" })
            : Results.Ok(new { id, runtimeStatus = hold.Value.State.ToString(), nextStep = hold.Value.NextStep.ToString(), hold = hold.Value });
    }

    private static async Task<IResult> ReleaseAsync(HttpContext ctx, string id, EvidenceHoldService holds, CosmosHoldStore store, AuditTrail audit, CancellationToken ct)
    {
        var user = ctx.Caller();
        ReleaseHoldRequest? body;
        try { body = await ctx.Request.ReadFromJsonAsync<ReleaseHoldRequest>(ct); }
        catch (JsonException) { return Results.BadRequest(new { error = "body must be JSON: {reason}" }); }
        if (string.IsNullOrWhiteSpace(body?.Reason) || body.Reason.Length > 500)
            return Results.BadRequest(new { error = "reason is required (e.g. 'case closed'), at most 500 characters" });
        var current = await store.GetAsync(id, ct);
        if (current is null) return Results.NotFound(new { error = "no such hold" });
        if (current.Value.State != HoldState.Active)
            return Results.Conflict(new { error = $"hold is {current.Value.State}; only an active hold can be released" });
        await audit.RecordAsync(ctx, user, "hold.release", AuditOutcome.Allowed, target: id, reason: body.Reason, caseNumber: current.Value.CaseNumber, ct: ct);
        var after = await holds.ReleaseAsync(id, user.Id, body.Reason, ct);
        return after is null ? Results.Conflict(new { error = "hold changed meanwhile; retry" })
            : Results.Ok(new { id, runtimeStatus = after.State.ToString(), hold = after });
    }
}
