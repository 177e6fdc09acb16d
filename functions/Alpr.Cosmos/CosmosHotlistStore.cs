using Alpr.Core.Hotlists;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>
/// Hotlists in one partition per list: a header document and entry documents tagged with the version they
/// belong to. Replacing a list writes the new version's entries first, then switches the header's version
/// (one document write, so the switch is atomic), then deletes the old version's entries. Readers load only
/// entries of the header's version, so they see the old list or the new one, never a mix.
/// </summary>
public sealed class CosmosHotlistStore(CosmosDatabase db, TimeProvider time)
{
    private const string HeaderType = "hotlist";
    private const string EntryType = "hotlistEntry";
    private readonly DocumentStore _headers = new(db.Container(CosmosContainers.Hotlists), HeaderType);
    private readonly DocumentStore _entries = new(db.Container(CosmosContainers.Hotlists), EntryType);

    private sealed record StoredEntry(HotlistEntry Entry, string Version);

    public async Task<Hotlist> ReplaceListAsync(Hotlist list, IReadOnlyCollection<HotlistEntry> entries, CancellationToken ct = default)
    {
        var previous = (await _headers.ReadAsync<Hotlist>(HeaderId(list.Id), list.Id, ct))?.Value;
        string version = time.GetUtcNow().ToUnixTimeMilliseconds().ToString() + "-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var e in entries)
            await _entries.UpsertAsync(new StoredEntry(e with { ListId = list.Id }, version), EntryId(version, e.Id), list.Id, ct);

        var header = list with { Version = version, EntryCount = entries.Count };
        await _headers.UpsertAsync(header, HeaderId(list.Id), list.Id, ct);

        if (previous is not null) await DeleteVersionAsync(list.Id, previous.Version, ct);
        return header;
    }

    public async Task<IReadOnlyList<Hotlist>> ListsAsync(CancellationToken ct = default) =>
        await _headers.QueryAsync<Hotlist>(new QueryDefinition("SELECT * FROM c WHERE c.docType = @t").WithParameter("@t", HeaderType), ct: ct);

    /// <summary>Every live list and the entries of its current version.</summary>
    public async Task<(IReadOnlyList<Hotlist> Lists, IReadOnlyList<HotlistEntry> Entries)> LoadAllAsync(CancellationToken ct = default)
    {
        var lists = await ListsAsync(ct);
        var entries = new List<HotlistEntry>();
        foreach (var list in lists) entries.AddRange((await LoadListAsync(list.Id, ct)).Entries);
        return (lists, entries);
    }

    /// <summary>One list and the entries of its current version (null list when it does not exist).</summary>
    public async Task<(Hotlist? List, IReadOnlyList<HotlistEntry> Entries)> LoadListAsync(string listId, CancellationToken ct = default)
    {
        var list = (await _headers.ReadAsync<Hotlist>(HeaderId(listId), listId, ct))?.Value;
        if (list is null) return (null, []);
        var q = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.docType = @t AND c.version = @v")
            .WithParameter("@pk", listId).WithParameter("@t", EntryType).WithParameter("@v", list.Version);
        return (list, (await _entries.QueryAsync<StoredEntry>(q, listId, ct: ct)).Select(s => s.Entry).ToList());
    }

    private async Task DeleteVersionAsync(string listId, string version, CancellationToken ct)
    {
        var q = new QueryDefinition("SELECT c.id FROM c WHERE c.pk = @pk AND c.docType = @t AND c.version = @v")
            .WithParameter("@pk", listId).WithParameter("@t", EntryType).WithParameter("@v", version);
        var ids = new List<string>();
        await foreach (var doc in _entries.QueryDocumentsAsync(q, listId, ct)) ids.Add((string)doc["id"]!);
        foreach (var id in ids) await _entries.DeleteAsync(id, listId, ct);
    }

    // The header's document id is the list id itself (document ids overwrite the record's own "id").
    private static string HeaderId(string listId) => listId;
    private static string EntryId(string version, string entryId) => $"{version}~{entryId}";
}
