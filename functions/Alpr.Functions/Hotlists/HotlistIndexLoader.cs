using Alpr.Cosmos;
using Alpr.Hotlists;

namespace Alpr.Functions.Hotlists;

/// <summary>Builds the in-memory index from Cosmos at start and whenever a list's version changes.</summary>
public sealed class HotlistIndexLoader(CosmosHotlistStore store, HotlistMatcher matcher, ILogger<HotlistIndexLoader> log)
{
    private string _loadedVersions = "";

    /// <summary>Returns true when the index was rebuilt.</summary>
    public async Task<bool> RefreshAsync(bool force = false, CancellationToken ct = default)
    {
        var lists = await store.ListsAsync(ct);
        string versions = string.Join(",", lists.OrderBy(l => l.Id, StringComparer.Ordinal).Select(l => $"{l.Id}:{l.Version}"));
        if (!force && versions == _loadedVersions) return false;
        var (loadedLists, entries) = await store.LoadAllAsync(ct);
        matcher.Replace(new HotlistIndex(loadedLists, entries));
        _loadedVersions = versions;
        log.LogInformation("hotlist index rebuilt: {Lists} list(s), {Entries} entries", loadedLists.Count, entries.Count);
        return true;
    }
}
