using System.Globalization;
using System.Text;
using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Reads;
using Alpr.Core.Search;
using Alpr.Cosmos;
using Alpr.Functions.Access;
using Alpr.Hotlists;
using Alpr.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Reads;

/// <summary>
/// Investigative access to reads: search, one read, an image link, a CSV export. Every request names a
/// permitted reason and a case number (else 400, logged); the access is logged with the exact query and the
/// number of results BEFORE anything is returned, and if the log cannot be written nothing is returned.
/// </summary>
public static class ReadEndpoints
{
    public const int MaxResults = 1000;

    public static void MapReadEndpoints(this WebApplication app)
    {
        app.MapGet("/api/reads/search", SearchAsync).RequirePermission(Permission.SearchReads);
        app.MapGet("/api/reads/export", ExportAsync).RequirePermission(Permission.ExportReads);
        app.MapGet("/api/reads/{day}/{id}", GetAsync).RequirePermission(Permission.ViewRead);
        app.MapGet("/api/reads/{day}/{id}/image", ImageAsync).RequirePermission(Permission.ViewImage);
    }

    private static Task<IResult> SearchAsync(HttpContext ctx, string? plate, string? reason, string? caseNumber, DateTimeOffset? from, DateTimeOffset? to,
        string? cameras, double? lat, double? lon, double? radiusKm, bool? hitsOnly, CosmosReadSearch search, AuditTrail audit, IOptions<UseGuardOptions> guards,
        TimeProvider time, CancellationToken ct) =>
        RunSearchAsync(ctx, "reads.search", plate, reason, caseNumber, from, to, cameras, lat, lon, radiusKm, hitsOnly, search, audit, guards.Value, time, ct,
            reads => Results.Ok(new { count = reads.Count, reads = reads.Select(Summary) }));

    private static Task<IResult> ExportAsync(HttpContext ctx, string? plate, string? reason, string? caseNumber, DateTimeOffset? from, DateTimeOffset? to,
        string? cameras, double? lat, double? lon, double? radiusKm, bool? hitsOnly, CosmosReadSearch search, AuditTrail audit, IOptions<UseGuardOptions> guards,
        TimeProvider time, CancellationToken ct) =>
        RunSearchAsync(ctx, "reads.export", plate, reason, caseNumber, from, to, cameras, lat, lon, radiusKm, hitsOnly, search, audit, guards.Value, time, ct,
            reads => Results.File(Encoding.UTF8.GetBytes(Csv(reads)), "text/csv", $"reads-{caseNumber}.csv"));

    private static async Task<IResult> RunSearchAsync(HttpContext ctx, string action, string? plate, string? reason, string? caseNumber, DateTimeOffset? from,
        DateTimeOffset? to, string? cameras, double? lat, double? lon, double? radiusKm, bool? hitsOnly, CosmosReadSearch search, AuditTrail audit,
        UseGuardOptions guards, TimeProvider time, CancellationToken ct, Func<IReadOnlyList<PlateRead>, IResult> respond)
    {
        var user = ctx.Caller();
        var now = time.GetUtcNow();
        var (query, error) = ReadQuery.Parse(plate, reason, caseNumber, from, to, cameras, lat, lon, radiusKm, hitsOnly ?? false, now);
        if (query is null)
        {
            await audit.RecordAsync(ctx, user, action, AuditOutcome.Refused, reason: reason, caseNumber: caseNumber, query: ctx.Request.QueryString.Value, detail: error, ct: ct);
            return Results.BadRequest(new { error });
        }
        Func<string, bool>? pattern = query.Pattern is { } pat ? p => PlatePattern.Matches(pat, p) : null;
        var result = await search.SearchAsync(query, pattern, MaxResults, now, ct);
        var flags = UseGuards.Flags(query, result.Reads.Select(r => r.CorrectedPlate ?? r.Plate).Distinct().Count(), guards);
        if (!await TryAuditAsync(() => audit.RecordAsync(ctx, user, action, AuditOutcome.Allowed, reason: query.Reason.ToWire(), caseNumber: query.CaseNumber,
                query: query.Describe(), resultCount: result.Reads.Count, detail: result.Truncated ? "truncated" : null, flags: flags, ct: ct)))
            return AuditUnavailable();
        return respond(result.Reads);
    }

    private static async Task<IResult> GetAsync(string day, string id, string? reason, string? caseNumber, HttpContext ctx, CosmosReadStore reads, AuditTrail audit, CancellationToken ct)
    {
        if (await RefuseWithoutPurposeAsync(ctx, "reads.get", reason, caseNumber, audit, ct) is { } refused) return refused;
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return Results.BadRequest(new { error = "day is yyyy-MM-dd" });
        var read = await reads.FindAsync(id, d, ct);
        if (!await TryAuditAsync(() => audit.RecordAsync(ctx, ctx.Caller(), "reads.get", AuditOutcome.Allowed, target: $"{day}/{id}", reason: reason, caseNumber: caseNumber, resultCount: read is null ? 0 : 1, ct: ct)))
            return AuditUnavailable();
        return read is null ? Results.NotFound() : Results.Ok(read);
    }

    private static async Task<IResult> ImageAsync(string day, string id, string? kind, string? reason, string? caseNumber, HttpContext ctx, CosmosReadStore reads,
        ICaptureStore images, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        if (await RefuseWithoutPurposeAsync(ctx, "reads.image", reason, caseNumber, audit, ct) is { } refused) return refused;
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return Results.BadRequest(new { error = "day is yyyy-MM-dd" });
        var read = await reads.FindAsync(id, d, ct);
        string? blob = read is null ? null : kind == "crop" ? read.CropBlob : read.ImageBlob;
        if (!await TryAuditAsync(() => audit.RecordAsync(ctx, ctx.Caller(), "reads.image", AuditOutcome.Allowed, target: blob ?? $"{day}/{id}", reason: reason, caseNumber: caseNumber,
                query: $"read={day}/{id}" + (kind == "crop" ? ";kind=crop" : ""), resultCount: blob is null ? 0 : 1, ct: ct)))
            return AuditUnavailable();
        if (blob is null) return Results.NotFound();
        var validFor = TimeSpan.FromMinutes(5);
        var url = await images.GetReadLinkAsync(blob, validFor, ct);
        return Results.Ok(new { url, expiresAt = time.GetUtcNow() + validFor });
    }

    private static async Task<IResult?> RefuseWithoutPurposeAsync(HttpContext ctx, string action, string? reason, string? caseNumber, AuditTrail audit, CancellationToken ct)
    {
        if (QueryReasons.TryParse(reason, out _) && QueryReasons.IsValidCaseNumber(caseNumber)) return null;
        await audit.RecordAsync(ctx, ctx.Caller(), action, AuditOutcome.Refused, reason: reason, caseNumber: caseNumber, query: ctx.Request.QueryString.Value, detail: "reason and case number required", ct: ct);
        return Results.BadRequest(new { error = "reason (a permitted purpose) and caseNumber are required" });
    }

    /// <summary>Fail closed: no entry in the log, no data out.</summary>
    private static async Task<bool> TryAuditAsync(Func<Task> write)
    {
        try { await write(); return true; }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }

    private static IResult AuditUnavailable() => Results.Json(new { error = "the access log could not be written; nothing is returned" }, statusCode: 503);

    private static object Summary(PlateRead r) => new
    {
        r.Id, day = CosmosReadStore.PartitionFor(r), r.Plate, r.CorrectedPlate, r.Confidence, r.Region, r.CameraId, cameraKind = r.CameraKind.ToString().ToLowerInvariant(),
        r.CapturedAt, latitude = r.Location?.Latitude, longitude = r.Location?.Longitude,
    };

    private static string Csv(IReadOnlyList<PlateRead> reads)
    {
        var sb = new StringBuilder("read_id,day,plate,corrected_plate,confidence,region,camera_id,camera_kind,captured_at,latitude,longitude\n");
        foreach (var r in reads)
            sb.Append(CultureInfo.InvariantCulture, $"{r.Id},{CosmosReadStore.PartitionFor(r)},{r.Plate},{r.CorrectedPlate},{r.Confidence},{r.Region},{r.CameraId},{r.CameraKind.ToString().ToLowerInvariant()},{r.CapturedAt:O},{r.Location?.Latitude},{r.Location?.Longitude}\n");
        return sb.ToString();
    }
}
