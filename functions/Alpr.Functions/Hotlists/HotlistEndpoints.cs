using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Hotlists;
using Alpr.Core.Reads;
using Alpr.Cosmos;
using Alpr.Functions.Access;
using Alpr.Hotlists;
using Alpr.Hotlists.Import;

namespace Alpr.Functions.Hotlists;

/// <summary>Hotlist import, listing, and manual entries (with an audited retro search of recent reads).</summary>
public static class HotlistEndpoints
{
    public static void MapHotlistEndpoints(this WebApplication app)
    {
        app.MapPost("/api/hotlists/{listId}/import", ImportAsync).RequirePermission(Permission.ManageHotlists);
        app.MapGet("/api/hotlists", ListAsync).RequirePermission(Permission.ViewAlerts);
        app.MapPost("/api/hotlists/{listId}/entries", AddEntryAsync).RequirePermission(Permission.ManageHotlists);
    }

    /// <summary>Body: the file (CSV, or NCIC fixed-width with format=ncic). Replaces the list whole, or refuses (422) and leaves it.</summary>
    private static async Task<IResult> ImportAsync(string listId, string? source, string? name, string? format, HttpContext ctx,
        HotlistImporter importer, AuditTrail audit, CancellationToken ct)
    {
        if (!Core.Captures.CaptureBlobName.IsValidId(listId)) return Results.BadRequest(new { error = "list id: 1–64 letters, digits, - and _" });
        if (!Enum.TryParse<HotlistSource>(source, ignoreCase: true, out var src)) return Results.BadRequest(new { error = $"source must be one of {string.Join(", ", Enum.GetNames<HotlistSource>())}" });
        if (!HotlistImporter.TryParseFormat(format, out bool ncic)) return Results.BadRequest(new { error = "format must be csv or ncic" });
        var user = ctx.Caller();
        // The parsers are synchronous; ASP.NET Core bodies are read asynchronously, so take the file first.
        string text = await new StreamReader(ctx.Request.Body).ReadToEndAsync(ct);
        var (result, list) = await importer.ImportAsync(listId, name ?? listId, src, ncic, new StringReader(text), user.Id, null, ct);
        await audit.RecordAsync(ctx, user, "hotlist.import", result.Refused ? AuditOutcome.Refused : AuditOutcome.Allowed, target: listId,
            resultCount: result.Entries.Count, detail: result.RefusedBecause ?? $"{result.Rows} rows, {result.Errors.Count} bad", ct: ct);
        var body = new { listId, refused = result.Refused, reason = result.RefusedBecause, rows = result.Rows, entries = result.Entries.Count, errors = result.Errors, refreshedAt = list?.RefreshedAt, version = list?.Version };
        return result.Refused ? Results.UnprocessableEntity(body) : Results.Ok(body);
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, CosmosHotlistStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lists = await store.ListsAsync(ct);
        return Results.Ok(lists.OrderBy(l => l.Id).Select(l => new
        {
            l.Id, l.Name, source = l.Source.ToString().ToUpperInvariant(), l.EntryCount, l.RefreshedAt, ageMinutes = Math.Round((now - l.RefreshedAt).TotalMinutes, 1),
        }));
    }

    private static async Task<IResult> AddEntryAsync(string listId, AddEntryRequest body, HttpContext ctx, CosmosHotlistStore store, HotlistIndexLoader loader,
        CosmosReadStore reads, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var user = ctx.Caller();
        var now = time.GetUtcNow();
        string? plate = EntryRules.Plate(body.Plate, out var error);
        string? state = plate is null ? null : EntryRules.State(body.State, out error);
        if (plate is null || error is not null) return Results.BadRequest(new { error });
        if (string.IsNullOrWhiteSpace(body.Reason)) return Results.BadRequest(new { error = "reason (nature of the advisory) is required" });
        int retroDays = body.RetroDays ?? 0;
        QueryReason retroReason = default;
        if (retroDays > 0 && (retroDays > 365 || !QueryReasons.TryParse(body.RetroReason, out retroReason) || !QueryReasons.IsValidCaseNumber(body.CaseNumber)))
        {
            await audit.RecordAsync(ctx, user, "hotlist.retro-search", AuditOutcome.Refused, target: listId, detail: "retro search needs retroDays ≤ 365, a permitted reason and a case number", ct: ct);
            return Results.BadRequest(new { error = "a retro search needs retroDays (1–365), retroReason (a permitted query reason) and caseNumber" });
        }

        var lists = await store.ListsAsync(ct);
        var list = lists.FirstOrDefault(l => l.Id == listId);
        if (list is null) return Results.NotFound(new { error = $"no list '{listId}'" });
        var entry = new HotlistEntry
        {
            Id = EntryRules.EntryId(listId, plate, state, body.Reference), ListId = listId, Plate = plate, State = state, Reason = body.Reason.Trim(),
            Priority = Math.Clamp(body.Priority ?? 2, 1, 9), ExpiresAt = body.Expires, ReferenceNumber = body.Reference, EnteredBy = user.Id,
            EntryReason = body.EntryReason, EnteredAt = now,
        };
        var (_, existing) = await store.LoadListAsync(listId, ct);
        var updated = await store.ReplaceListAsync(list with { RefreshedAt = now }, existing.Where(e => e.Id != entry.Id).Append(entry).ToList(), ct);
        await loader.RefreshAsync(force: true, ct);
        await audit.RecordAsync(ctx, user, "hotlist.add-entry", AuditOutcome.Allowed, target: $"{listId}/{entry.Id}", detail: $"plate {plate}", ct: ct);

        if (retroDays == 0) return Results.Ok(new { entry, list = updated.Id, retroHits = Array.Empty<object>() });

        var since = now.AddDays(-retroDays);
        var recent = await reads.ReadsSinceAsync(since, now, ct);
        var hits = RetroHits.Find(updated, entry, recent, now);
        // The retro search is a query of ALPR data: logged with reason and case number before results go out.
        await audit.RecordAsync(ctx, user, "hotlist.retro-search", AuditOutcome.Allowed, target: $"{listId}/{entry.Id}", reason: retroReason.ToWire(),
            caseNumber: body.CaseNumber, query: $"reads since {since:O} matching {plate}", resultCount: hits.Count, ct: ct);
        return Results.Ok(new
        {
            entry, list = updated.Id,
            retroHits = hits.Select(h => new { h.Read.Id, h.Read.CameraId, h.Read.CapturedAt, plate = h.Read.CorrectedPlate ?? h.Read.Plate, kind = h.Match.Kind.ToString().ToLowerInvariant(), h.Match.Confidence }),
        });
    }
}
