using Alpr.Core.Access;
using Alpr.Core.Alerts;
using Alpr.Core.Audit;
using Alpr.Cosmos;
using Alpr.Functions.Access;
using Microsoft.Azure.Cosmos;
using Permission = Alpr.Core.Access.Permission;

namespace Alpr.Functions.Alerts;

/// <summary>The operator's queue of hits and their verdicts (confirm / reject as misread / correct).</summary>
public static class AlertEndpoints
{
    public sealed record VerifyRequest(string Verdict, string? CorrectedPlate, string? Note);

    public static void MapAlertEndpoints(this WebApplication app)
    {
        app.MapGet("/api/alerts", ListAsync).RequirePermission(Permission.ViewAlerts);
        app.MapPost("/api/alerts/{id}/verify", VerifyAsync).RequirePermission(Permission.VerifyAlerts);
    }

    private static async Task<IResult> ListAsync(string? status, int? limit, HttpContext ctx, CosmosAlertStore alerts, AuditTrail audit, CancellationToken ct)
    {
        var wanted = Enum.TryParse<AlertStatus>(status ?? "unverified", ignoreCase: true, out var s) ? s : AlertStatus.Unverified;
        var q = new QueryDefinition("SELECT * FROM c WHERE c.docType = 'alert' AND c.status = @s").WithParameter("@s", wanted.ToString().ToLowerInvariant());
        var list = (await alerts.Documents.QueryAsync<HitAlert>(q, maxItems: Math.Clamp(limit ?? 100, 1, 500), ct: ct))
            .OrderBy(a => a.Priority).ThenByDescending(a => a.RaisedAt).ToList();
        // Hits carry plates: the view is logged before it is returned.
        await audit.RecordAsync(ctx, ctx.Caller(), "alerts.list", AuditOutcome.Allowed, query: $"status={wanted}", resultCount: list.Count, ct: ct);
        return Results.Ok(list);
    }

    private static async Task<IResult> VerifyAsync(string id, VerifyRequest body, HttpContext ctx, AlertVerifier verifier, AuditTrail audit, CancellationToken ct)
    {
        var user = ctx.Caller();
        if (!Enum.TryParse<Verdict>(body.Verdict, ignoreCase: true, out var verdict))
            return Results.BadRequest(new { error = "verdict must be confirmed, rejected or corrected" });
        var outcome = await verifier.VerifyAsync(id, verdict, user, body.CorrectedPlate, body.Note, ct);
        await audit.RecordAsync(ctx, user, $"alert.{verdict.ToString().ToLowerInvariant()}", outcome.Alert is null ? AuditOutcome.Refused : AuditOutcome.Allowed,
            target: id, detail: outcome.Refusal ?? (outcome.Alert!.CorrectedPlate is { } p ? $"corrected to {p}; {outcome.RaisedByCorrection.Count} new hit(s)" : null), ct: ct);
        return outcome.Alert is null
            ? Results.Json(new { error = outcome.Refusal }, statusCode: outcome.Status)
            : Results.Ok(new { alert = outcome.Alert, raisedByCorrection = outcome.RaisedByCorrection });
    }
}
