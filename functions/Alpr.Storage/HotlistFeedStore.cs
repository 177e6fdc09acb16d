using Azure.Storage.Blobs.Models;

namespace Alpr.Storage;

/// <summary>A list file dropped by a feed (NCIC extract, SVS, AMBER ...): <c>{listId}.csv</c> or <c>{listId}.ncic</c>.</summary>
public sealed record HotlistFeedFile(string ListId, bool Ncic, string ETag, IReadOnlyDictionary<string, string> Metadata);

/// <summary>The container the refresh timer watches for changed list files (a few files: listing it is cheap).</summary>
public sealed class HotlistFeedStore(StorageClients clients)
{
    public const string Container = "hotlist-feeds";

    public async Task<IReadOnlyList<HotlistFeedFile>> ListAsync(CancellationToken ct = default)
    {
        var container = clients.Container(Container);
        if (!await container.ExistsAsync(ct)) return [];
        var files = new List<HotlistFeedFile>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, cancellationToken: ct))
        {
            string ext = Path.GetExtension(blob.Name).ToLowerInvariant();
            if (ext is not (".csv" or ".ncic")) continue;
            files.Add(new HotlistFeedFile(Path.GetFileNameWithoutExtension(blob.Name), ext == ".ncic", blob.Properties.ETag.ToString()!,
                new Dictionary<string, string>(blob.Metadata, StringComparer.OrdinalIgnoreCase)));
        }
        return files;
    }

    public async Task<TextReader> OpenAsync(HotlistFeedFile file, CancellationToken ct = default)
    {
        var blob = clients.Container(Container).GetBlobClient(file.ListId + (file.Ncic ? ".ncic" : ".csv"));
        var download = await blob.DownloadContentAsync(ct);
        return new StringReader(download.Value.Content.ToString());
    }
}
