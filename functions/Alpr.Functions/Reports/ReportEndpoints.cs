using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Reports;
using Alpr.Functions.Access;
using Alpr.Reporting;
using Alpr.Reports;
using Alpr.Reports.Json;

namespace Alpr.Functions.Reports;

public sealed record FindingRequest(string? Outcome, string? Note, int? Version);

/// <summary>
/// The quarterly reports. Reading (list, a version, a file) and generating on demand need ViewReports (auditors,
/// the ALPR administrator, the chief); every read is logged before anything is returned. A reviewer's finding on a
/// sample item needs ReviewAuditSample and is stored as its own record: the version itself never changes.
/// </summary>
public static class ReportEndpoints
{
    public static readonly string[] Outcomes = ["complies", "does-not-comply", "inconclusive"];

    public static void MapReportEndpoints(this WebApplication app)
    {
        app.MapGet("/api/reports", ListAsync).RequirePermission(Permission.ViewReports);
        app.MapPost("/api/reports/{quarter}", GenerateAsync).RequirePermission(Permission.ViewReports);
        app.MapGet("/api/reports/{quarter}", ReadAsync).RequirePermission(Permission.ViewReports);
        app.MapGet("/api/reports/{quarter}/files/{name}", FileAsync).RequirePermission(Permission.ViewReports);
        app.MapPost("/api/reports/{quarter}/sample/{itemId}/finding", FindingAsync).RequirePermission(Permission.ReviewAuditSample);
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, ReportArchive archive, AuditTrail audit, CancellationToken ct)
    {
        var versions = (await archive.VersionsAsync(null, ct)).Where(v => v.Complete).ToList();
        await audit.RecordAsync(ctx, ctx.Caller(), "reports.list", AuditOutcome.Allowed, resultCount: versions.Count, ct: ct);
        return Results.Ok(versions.GroupBy(v => v.Quarter).Select(g => new { quarter = g.Key, versions = g.Select(v => v.Version), latest = g.Max(v => v.Version) }));
    }

    private static async Task<IResult> GenerateAsync(string quarter, HttpContext ctx, ReportGenerator generator, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var user = ctx.Caller();
        if (await CheckQuarterAsync(ctx, user, "reports.generate", quarter, audit, ct) is { } bad) return bad;
        var q = Parse(quarter);
        if (await PolicyOrRefusalAsync(ctx, user, "reports.generate", generator, audit, ct) is not { } policy)
            return Results.Json(new { error = NoPolicy }, statusCode: StatusCodes.Status503ServiceUnavailable);
        if (!q.HasEnded(time.GetUtcNow(), policy.TimeZone))
        {
            string why = $"{q} has not ended yet: it can be reported from {Format.Iso(q.End(policy.TimeZone))} ({Core.Reports.Quarter.Containing(time.GetUtcNow(), policy.TimeZone)} is the current quarter)";
            await audit.RecordAsync(ctx, user, "reports.generate", AuditOutcome.Refused, target: quarter, detail: why, ct: ct);
            return Results.Json(new { error = why }, statusCode: StatusCodes.Status409Conflict);
        }
        var manifest = await generator.GenerateAsync(q, "on-demand:" + user.Id, ct);
        await audit.RecordAsync(ctx, user, "reports.generate", AuditOutcome.Allowed, target: $"{q}/v{manifest.Version}",
            detail: $"{manifest.Files.Count} files, {manifest.Findings} findings, sample seed {manifest.SampleSeed}", ct: ct);
        return Results.Created($"/api/reports/{q}?version={manifest.Version}", manifest);
    }

    private static async Task<IResult> ReadAsync(string quarter, int? version, HttpContext ctx, ReportArchive archive, AuditTrail audit, CancellationToken ct)
    {
        var user = ctx.Caller();
        if (await CheckQuarterAsync(ctx, user, "reports.read", quarter, audit, ct) is { } bad) return bad;
        var (v, manifest) = await FindAsync(Parse(quarter).ToString(), version, archive, ct);
        if (manifest is null)
        {
            await audit.RecordAsync(ctx, user, "reports.read", AuditOutcome.Failed, target: quarter, detail: "no such report version", ct: ct);
            return Results.NotFound(new { error = version is null ? $"no report for {quarter} yet" : $"{quarter} has no version {version}" });
        }
        var summary = await archive.ReadAsync(manifest.Quarter, v, ReportRenderer.SummaryJson, ct);
        var findings = await archive.FindingsAsync(manifest.Quarter, v, ct);
        await audit.RecordAsync(ctx, user, "reports.read", AuditOutcome.Allowed, target: $"{manifest.Quarter}/v{v}", resultCount: 1, ct: ct);
        return Results.Ok(new
        {
            manifest,
            summary = JsonSerializer.Deserialize<JsonElement>(summary!),
            reviewerFindings = findings,
            files = manifest.Files.Select(f => new { f.Name, f.Bytes, f.Sha256, url = $"/api/reports/{manifest.Quarter}/files/{f.Name}?version={v}" }),
        });
    }

    private static async Task<IResult> FileAsync(string quarter, string name, int? version, HttpContext ctx, ReportArchive archive, AuditTrail audit, CancellationToken ct)
    {
        var user = ctx.Caller();
        if (await CheckQuarterAsync(ctx, user, "reports.read-file", quarter, audit, ct) is { } bad) return bad;
        var (v, manifest) = await FindAsync(Parse(quarter).ToString(), version, archive, ct);
        if (manifest?.Files.FirstOrDefault(f => f.Name == name) is not { } file)
        {
            await audit.RecordAsync(ctx, user, "reports.read-file", AuditOutcome.Failed, target: $"{quarter}/{name}", detail: "no such file", ct: ct);
            return Results.NotFound(new { error = $"no file {name} in {quarter}" + (version is null ? "" : $" v{version}") });
        }
        var bytes = await archive.ReadAsync(manifest.Quarter, v, file.Name, ct);
        await audit.RecordAsync(ctx, user, "reports.read-file", AuditOutcome.Allowed, target: $"{manifest.Quarter}/v{v}/{file.Name}", resultCount: 1, ct: ct);
        return Results.File(bytes!, file.ContentType, $"{manifest.Quarter}-v{v}-{file.Name}");
    }

    private static async Task<IResult> FindingAsync(string quarter, string itemId, HttpContext ctx, ReportArchive archive, ReportGenerator generator, AuditTrail audit,
        TimeProvider time, CancellationToken ct)
    {
        var user = ctx.Caller();
        if (await CheckQuarterAsync(ctx, user, "reports.sample-finding", quarter, audit, ct) is { } bad) return bad;
        FindingRequest? body;
        try { body = await ctx.Request.ReadFromJsonAsync<FindingRequest>(ct); }
        catch (JsonException) { body = null; }
        string? problem = body is null ? "body must be JSON: {outcome, note, version?}"
            : !Outcomes.Contains(body.Outcome) ? $"outcome must be one of: {string.Join(", ", Outcomes)}"
            : string.IsNullOrWhiteSpace(body.Note) || body.Note.Length > 4000 ? "note is required (what was reviewed and why it does or does not agree with policy), at most 4000 characters"
            : null;
        if (problem is not null)
        {
            await audit.RecordAsync(ctx, user, "reports.sample-finding", AuditOutcome.Refused, target: $"{quarter}/{itemId}", detail: problem, ct: ct);
            return Results.BadRequest(new { error = problem });
        }
        var (v, manifest) = await FindAsync(Parse(quarter).ToString(), body!.Version, archive, ct);
        var sampleBytes = manifest is null ? null : await archive.ReadAsync(manifest.Quarter, v, ReportRenderer.SampleJson, ct);
        var item = sampleBytes is null ? null : JsonSerializer.Deserialize<JsonElement>(sampleBytes).GetProperty("sample").Deserialize<ReviewSample>(ReportJson.Options)!
            .Items.FirstOrDefault(i => i.ItemId == itemId);
        if (item is null)
        {
            await audit.RecordAsync(ctx, user, "reports.sample-finding", AuditOutcome.Failed, target: $"{quarter}/{itemId}", detail: "no such report or sample item", ct: ct);
            return Results.NotFound(new { error = $"no sample item {itemId} in {quarter}" + (body.Version is null ? "" : $" v{body.Version}") });
        }
        if (await PolicyOrRefusalAsync(ctx, user, "reports.sample-finding", generator, audit, ct) is not { } policy)
            return Results.Json(new { error = NoPolicy }, statusCode: StatusCodes.Status503ServiceUnavailable);
        var finding = new SampleFinding(manifest!.Quarter, v, itemId, item.Image, body.Outcome!, body.Note!.Trim(), user.Id, user.Role.ToString(), time.GetUtcNow());
        // Stored first, then logged: the entry records a finding that exists. It expires with its report version.
        await archive.AddFindingAsync(finding, ReportRetentionRule.DeletableFrom(policy, manifest.CreatedAt), ct);
        await audit.RecordAsync(ctx, user, "reports.sample-finding", AuditOutcome.Allowed, target: $"{manifest.Quarter}/v{v}/sample/{itemId}",
            detail: $"{finding.Outcome}: {item.Image}", ct: ct);
        return Results.Created($"/api/reports/{manifest.Quarter}?version={v}", finding);
    }

    private const string NoPolicy = "reports need the agency's retention preset (Retention:Policy): not configured";

    /// <summary>The agency's preset, or null after logging the failure (the caller answers 503: fail closed, nothing guessed).</summary>
    private static async Task<Core.Retention.RetentionPolicy?> PolicyOrRefusalAsync(HttpContext ctx, AlprUser user, string action, ReportGenerator generator,
        AuditTrail audit, CancellationToken ct)
    {
        try { return generator.Policy; }
        catch (InvalidOperationException e)
        {
            await audit.RecordAsync(ctx, user, action, AuditOutcome.Failed, detail: e.Message, ct: ct);
            return null;
        }
    }

    private static Quarter Parse(string quarter) => Core.Reports.Quarter.TryParse(quarter, out var q) ? q : throw new ArgumentException(quarter);

    /// <summary>400 (logged) unless the quarter is written like 2026Q3.</summary>
    private static async Task<IResult?> CheckQuarterAsync(HttpContext ctx, AlprUser user, string action, string quarter, AuditTrail audit, CancellationToken ct)
    {
        if (Core.Reports.Quarter.TryParse(quarter, out _)) return null;
        await audit.RecordAsync(ctx, user, action, AuditOutcome.Refused, target: quarter[..Math.Min(quarter.Length, 40)], detail: "quarter must be written like 2026Q3", ct: ct);
        return Results.BadRequest(new { error = "quarter must be written like 2026Q3 (year, Q, 1-4)" });
    }

    /// <summary>The version asked for, or the latest complete one.</summary>
    private static async Task<(int Version, ReportManifest? Manifest)> FindAsync(string quarter, int? version, ReportArchive archive, CancellationToken ct)
    {
        int? v = version ?? await archive.LatestCompleteAsync(quarter, ct);
        return v is null ? (0, null) : (v.Value, await archive.ManifestAsync(quarter, v.Value, ct));
    }
}
