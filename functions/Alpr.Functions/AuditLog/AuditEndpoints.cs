using System.Globalization;
using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Cosmos;
using Alpr.Functions.Access;

namespace Alpr.Functions.AuditLog;

/// <summary>Reading and verifying the access log: auditors, the ALPR administrator and the chief only; the reading is logged too.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this WebApplication app)
    {
        app.MapGet("/api/audit/{day}", ReadDayAsync).RequirePermission(Permission.ViewAuditLog);
        app.MapGet("/api/audit/verify", VerifyAsync).RequirePermission(Permission.ViewAuditLog);
    }

    private static async Task<IResult> ReadDayAsync(string day, HttpContext ctx, CosmosAuditLog log, AuditTrail audit, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return Results.BadRequest(new { error = "day is yyyy-MM-dd" });
        var entries = (await log.ReadDayAsync(day, ct)).OrderBy(e => e.Seq).ToList();
        await audit.RecordAsync(ctx, ctx.Caller(), "audit.read", AuditOutcome.Allowed, target: day, resultCount: entries.Count, ct: ct);
        return Results.Ok(entries);
    }

    private static async Task<IResult> VerifyAsync(DateOnly? from, DateOnly? to, HttpContext ctx, CosmosAuditLog log, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (broken, days, entries) = await log.VerifyAsync(from ?? today.AddDays(-30), to ?? today, ct);
        await audit.RecordAsync(ctx, ctx.Caller(), "audit.verify", AuditOutcome.Allowed, detail: broken?.ToString() ?? "intact", resultCount: (int)entries, ct: ct);
        return Results.Ok(new { intact = broken is null, days, entries, firstBreak = broken });
    }
}
