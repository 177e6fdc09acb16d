using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>A stored document with its ETag, for optimistic concurrency.</summary>
public sealed record Versioned<T>(T Value, string ETag);

/// <summary>
/// Typed access to one container: domain records in, domain records out. Queries must filter on
/// <c>c.pk</c> themselves when they mean one partition — the local Cosmos server does not apply the
/// partition-key request option to queries, Azure does; a filter in the SQL is right on both.
/// </summary>
public sealed class DocumentStore(Container container, string docType)
{
    public Container Container => container;

    public async Task UpsertAsync<T>(T value, string id, string pk, CancellationToken ct = default) =>
        await container.UpsertItemAsync(CosmosJson.ToDocument(value, id, pk, docType), new PartitionKey(pk), cancellationToken: ct);

    /// <summary>Upsert with fields the adapter adds beside the record's own (e.g. index helpers).</summary>
    public async Task UpsertAsync<T>(T value, string id, string pk, Action<JsonObject> extend, CancellationToken ct = default)
    {
        var doc = CosmosJson.ToDocument(value, id, pk, docType);
        extend(doc);
        await container.UpsertItemAsync(doc, new PartitionKey(pk), cancellationToken: ct);
    }

    /// <summary>False when a document with this id already exists in the partition.</summary>
    public async Task<bool> CreateIfAbsentAsync<T>(T value, string id, string pk, CancellationToken ct = default)
    {
        try
        {
            await container.CreateItemAsync(CosmosJson.ToDocument(value, id, pk, docType), new PartitionKey(pk), cancellationToken: ct);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<Versioned<T>?> ReadAsync<T>(string id, string pk, CancellationToken ct = default)
    {
        try
        {
            var r = await container.ReadItemAsync<JsonObject>(id, new PartitionKey(pk), cancellationToken: ct);
            return new Versioned<T>(CosmosJson.FromDocument<T>(r.Resource), r.ETag);
        }
        catch (CosmosException e) when (CosmosDatabase.IsNotFound(e))
        {
            return null;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.InternalServerError && IsLoopback)
        {
            // The local Cosmos server answers 500 instead of 404 for an id it has never seen; ask again by query.
            var q = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.id = @id").WithParameter("@pk", pk).WithParameter("@id", id);
            await foreach (var doc in QueryDocumentsAsync(q, pk, ct))
                return new Versioned<T>(CosmosJson.FromDocument<T>(doc), (string)doc["_etag"]!);
            return null;
        }
    }

    private bool IsLoopback => container.Database.Client.Endpoint.IsLoopback;

    /// <summary>Replace only if unchanged since read; false when someone else changed it first.</summary>
    public async Task<bool> ReplaceAsync<T>(T value, string id, string pk, string etag, CancellationToken ct = default)
    {
        try
        {
            await container.ReplaceItemAsync(CosmosJson.ToDocument(value, id, pk, docType), id, new PartitionKey(pk),
                new ItemRequestOptions { IfMatchEtag = etag }, ct);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>True if deleted, false if it was already gone (so deleting twice is harmless).</summary>
    public async Task<bool> DeleteAsync(string id, string pk, CancellationToken ct = default)
    {
        try
        {
            await container.DeleteItemAsync<JsonObject>(id, new PartitionKey(pk), cancellationToken: ct);
            return true;
        }
        catch (CosmosException e) when (CosmosDatabase.IsNotFound(e))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(QueryDefinition query, string? pk = null, int? maxItems = null, CancellationToken ct = default)
    {
        var results = new List<T>();
        await foreach (var doc in QueryDocumentsAsync(query, pk, ct))
        {
            results.Add(CosmosJson.FromDocument<T>(doc));
            if (results.Count == maxItems) break;
        }
        return results;
    }

    public async IAsyncEnumerable<JsonObject> QueryDocumentsAsync(QueryDefinition query, string? pk = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var options = pk is null
            ? new QueryRequestOptions { EnableOptimisticDirectExecution = true }
            : new QueryRequestOptions { PartitionKey = new PartitionKey(pk) };
        using var it = container.GetItemQueryIterator<JsonObject>(query, requestOptions: options);
        while (it.HasMoreResults)
            foreach (var doc in await it.ReadNextAsync(ct))
                yield return doc;
    }

    /// <summary>
    /// Counts the documents a <c>SELECT c.id ...</c> query yields. Streams ids rather than using COUNT(1): the
    /// local server refuses cross-partition aggregates. Meant for summaries and tests, not hot paths.
    /// </summary>
    public async Task<long> CountAsync(QueryDefinition idQuery, string? pk = null, CancellationToken ct = default)
    {
        long total = 0;
        await foreach (var _ in QueryDocumentsAsync(idQuery, pk, ct)) total++;
        return total;
    }
}
