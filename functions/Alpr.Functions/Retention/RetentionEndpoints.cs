using Alpr.Core.Audit;
using Alpr.Core.Access;
using Alpr.Functions.Access;
using Alpr.Retention;

namespace Alpr.Functions.Retention;

/// <summary>
/// <c>POST /api/admin/purge</c> runs the purge now; <c>GET /api/admin/purge/runs</c> lists purge records;
/// <c>GET /api/admin/retention/over-retention</c> is the quarterly over-retention report.
/// </summary>
public static class RetentionEndpoints
{
    public static void MapRetentionEndpoints(this WebApplication app)
    {
        app.MapPost("/api/admin/purge", RunPurgeAsync).RequirePermission(Permission.RunPurge);
        app.MapGet("/api/admin/purge/runs", ListRunsAsync).RequirePermission(Permission.RunPurge);
        app.MapGet("/api/admin/retention/over-retention", OverRetentionAsync).RequirePermission(Permission.ViewReports);
    }

    /// <summary>
    /// Runs the purge and answers its record. The run is not tied to the request: a large backlog can outlast a
    /// client (or the Functions front end) that stops waiting, and the run still finishes and records itself
    /// (GET /api/admin/purge/runs); only the host shutting down interrupts it, and the next run resumes.
    /// </summary>
    private static async Task<IResult> RunPurgeAsync(HttpContext ctx, PurgeExecutor purge, AuditTrail audit, IHostApplicationLifetime host, CancellationToken ct)
    {
        var user = ctx.Caller();
        try
        {
            _ = purge.Policy; // no policy configured: refuse before doing anything
        }
        catch (InvalidOperationException e)
        {
            await audit.RecordAsync(ctx, user, "purge.run", AuditOutcome.Failed, detail: e.Message, ct: ct);
            return Results.Json(new { error = e.Message }, statusCode: 500);
        }
        try
        {
            var run = await purge.RunAsync("on-demand:" + user.Id, ct: host.ApplicationStopping);
            await audit.RecordAsync(ctx, user, "purge.run", run.Status == Core.Retention.PurgeRunStatus.Failed ? AuditOutcome.Failed : AuditOutcome.Allowed,
                target: run.RunId, resultCount: (int)Math.Min(int.MaxValue, run.DeletedReads), detail: run.Status.ToString(), ct: CancellationToken.None);
            return Results.Ok(run);
        }
        catch (PurgeExecutor.LeaseHeldException e)
        {
            await audit.RecordAsync(ctx, user, "purge.run", AuditOutcome.Refused, detail: e.Message, ct: ct);
            return Results.Conflict(new { error = e.Message });
        }
    }

    private static async Task<IResult> ListRunsAsync(HttpContext ctx, CosmosPurgeRecords records, AuditTrail audit, int? max, CancellationToken ct)
    {
        if (max is < 1 or > 500) return Results.BadRequest(new { error = "max must be between 1 and 500" });
        var runs = await records.RecentAsync(max ?? 50, ct);
        await audit.RecordAsync(ctx, ctx.Caller(), "purge.list-runs", AuditOutcome.Allowed, resultCount: runs.Count, ct: ct);
        return Results.Ok(runs);
    }

    private static async Task<IResult> OverRetentionAsync(HttpContext ctx, OverRetentionReport report, PurgeExecutor purge, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var policy = purge.Policy;
        var rows = await report.RunAsync(policy, time.GetUtcNow(), ct);
        await audit.RecordAsync(ctx, ctx.Caller(), "retention.over-retention-report", AuditOutcome.Allowed, resultCount: rows.Count, ct: ct);
        return Results.Ok(new { policy = policy.Name, longestDays = policy.LongestDays, items = rows });
    }
}
