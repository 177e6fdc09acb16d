using Alpr.Core.Audit;
using Alpr.Core.Hotlists;
using Alpr.Cosmos;
using Alpr.Functions.Hosting;
using Alpr.Storage;

namespace Alpr.Functions.Hotlists;

/// <summary>
/// Timer: reloads every list whose feed file changed since it was last imported (by ETag), then picks up
/// lists replaced by an import on any instance. A refused feed file leaves its list as it was and is audited.
/// </summary>
public sealed class HotlistRefreshFunction(HotlistFeedStore feeds, CosmosHotlistStore store, HotlistImporter importer, HotlistIndexLoader loader,
    IAuditLog audit, TimeProvider time, ILogger<HotlistRefreshFunction> log) : IFunctionHandler
{
    public string Name => "HotlistRefresh";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        var logs = new List<string>();
        var lists = (await store.ListsAsync(ct)).ToDictionary(l => l.Id);
        foreach (var file in await feeds.ListAsync(ct))
        {
            if (lists.TryGetValue(file.ListId, out var current) && current.FeedETag == file.ETag) continue;
            var source = Enum.TryParse<HotlistSource>(file.Metadata.GetValueOrDefault("source"), true, out var s) ? s : current?.Source ?? HotlistSource.Local;
            string name = file.Metadata.GetValueOrDefault("name") ?? current?.Name ?? file.ListId;
            using var reader = await feeds.OpenAsync(file, ct);
            var (result, list) = await importer.ImportAsync(file.ListId, name, source, file.Ncic, reader, $"feed:{file.ListId}", file.ETag, ct);
            string line = result.Refused
                ? $"{file.ListId}: feed refused ({result.RefusedBecause}); list unchanged"
                : $"{file.ListId}: reloaded {result.Entries.Count} entries ({result.Errors.Count} bad rows skipped)";
            logs.Add(line);
            log.LogInformation("{Line}", line);
            await audit.AppendAsync(new AuditEntry
            {
                Id = Guid.CreateVersion7().ToString("N"), At = time.GetUtcNow(), ActorType = "system", ActorId = "HotlistRefresh",
                Action = "hotlist.feed-import", Outcome = result.Refused ? AuditOutcome.Refused : AuditOutcome.Allowed, Target = file.ListId,
                ResultCount = result.Entries.Count, Detail = line,
            }, ct);
        }
        bool rebuilt = await loader.RefreshAsync(ct: ct);
        logs.Add(rebuilt ? "hotlist index rebuilt" : "hotlists unchanged");
        return new InvocationResponse { Logs = logs, ReturnValue = new { rebuilt, feeds = logs.Count - 1 } };
    }
}
