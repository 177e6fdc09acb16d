using Alpr.Core.Hotlists;
using Alpr.Cosmos;
using Alpr.Hotlists.Import;

namespace Alpr.Functions.Hotlists;

/// <summary>Parses a list file and, unless it is refused, replaces the list atomically and rebuilds the index.</summary>
public sealed class HotlistImporter(CosmosHotlistStore store, HotlistIndexLoader loader, TimeProvider time)
{
    public static bool TryParseFormat(string? format, out bool ncic)
    {
        ncic = string.Equals(format, "ncic", StringComparison.OrdinalIgnoreCase);
        return ncic || format is null || string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
    }

    public async Task<(ImportResult Result, Hotlist? List)> ImportAsync(string listId, string name, HotlistSource source, bool ncic, TextReader file,
        string importedBy, string? feedETag, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var options = new ImportOptions { ListId = listId, Source = source, ImportedBy = importedBy, ImportedAt = now };
        var result = ncic ? NcicExtractParser.Parse(file, options) : CsvHotlistParser.Parse(file, options);
        if (result.Refused) return (result, null);
        var list = await store.ReplaceListAsync(new Hotlist { Id = listId, Name = name, Source = source, RefreshedAt = now, FeedETag = feedETag }, result.Entries.ToList(), ct);
        await loader.RefreshAsync(force: true, ct);
        return (result, list);
    }
}
