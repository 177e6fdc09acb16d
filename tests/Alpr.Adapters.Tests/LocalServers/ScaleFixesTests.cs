using System.Text.Json;
using System.Text.Json.Nodes;
using Alpr.Cosmos;
using Alpr.LocalServers;
using Alpr.Storage;
using Alpr.Testing;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.Cosmos;

namespace Alpr.Adapters.Tests.LocalServers;

/// <summary>
/// The benchmark's scale fixes change no answer: the same operations against the servers as installed and
/// against the servers with the fixes give the same results (queries with joins, projections of missing fields,
/// ordering and paging; blob overwrites, snapshots, deletes and listings).
/// </summary>
public sealed class ScaleFixesTests : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private CosmosServer _cosmos = null!;

    public async Task InitializeAsync()
    {
        var a = Azurite.StartAsync(scaleFixes: true);
        var c = CosmosServer.StartAsync(scaleFixes: true);
        (_azurite, _cosmos) = (await a, await c);
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        await _cosmos.DisposeAsync();
    }

    private static readonly (string Sql, string? Partition, int? PageSize)[] Queries =
    [
        ("SELECT * FROM c WHERE c.n >= 10 AND c.n < 90", null, null),
        ("SELECT c.id, c.missing, c.tags FROM c WHERE c.kind = 'a'", null, null),
        ("SELECT VALUE t FROM c JOIN t IN c.tags WHERE c.n < 50", null, null),
        ("SELECT c.id, t AS tag FROM c JOIN t IN c.tags WHERE t = 'x'", null, null),
        ("SELECT TOP 5 c.id FROM c ORDER BY c.n DESC", null, null),
        ("SELECT VALUE [c.n, c.missing, c.nested] FROM c WHERE c.n < 6", null, null),
        ("SELECT c.id, c.nested.a FROM c WHERE IS_DEFINED(c.nested)", null, null),
        ("SELECT c.id, c.n FROM c WHERE c.pk = 'p1'", "p1", 7),
    ];

    [Fact]
    public async Task Cosmos_queries_answer_the_same_with_the_fixes()
    {
        var stock = await LocalServices.GetAsync();
        using var plain = new CosmosDatabase(LocalCosmos.Options(stock, await LocalCosmos.UsableDatabaseNameAsync(stock, "sf")));
        using var fixedDb = new CosmosDatabase(new CosmosOptions { Endpoint = _cosmos.Endpoint, Key = CosmosServer.Key, Database = "sf", AcceptLocalServerCertificate = true });
        var answers = new List<List<string>>();
        foreach (var db in new[] { plain, fixedDb })
        {
            await db.EnsureCreatedAsync();
            var c = db.Container(CosmosContainers.Hotlists);
            for (int i = 0; i < 120; i++) await c.CreateItemAsync(Doc(i), new PartitionKey($"p{i % 4}"));
            var results = new List<string>();
            foreach (var (sql, pk, pageSize) in Queries) results.Add($"{sql} => {await RunAsync(c, sql, pk, pageSize)}");
            answers.Add(results);
        }
        Assert.Equal(answers[0], answers[1]);
        Assert.Contains(answers[1], a => a.Contains("\"tag\":\"x\"")); // the joins found something: the comparison is not of empty answers
    }

    private static JsonObject Doc(int i)
    {
        var doc = new JsonObject { ["id"] = $"d{i:D3}", ["pk"] = $"p{i % 4}", ["n"] = i, ["kind"] = i % 3 == 0 ? "a" : "b" };
        doc["tags"] = new JsonArray(Enumerable.Range(0, i % 4).Select(t => (JsonNode)JsonValue.Create(t == 1 && i % 5 == 0 ? "x" : $"t{t}")!).ToArray());
        if (i % 7 == 0) doc["nested"] = new JsonObject { ["a"] = i * 2, ["b"] = null };
        return doc;
    }

    /// <summary>All pages of a query as one JSON array, without the per-server system fields; page count when paged.</summary>
    private static async Task<string> RunAsync(Container c, string sql, string? pk, int? pageSize)
    {
        var options = pk is null
            ? new QueryRequestOptions { EnableOptimisticDirectExecution = true }
            : new QueryRequestOptions { PartitionKey = new PartitionKey(pk), MaxItemCount = pageSize };
        var all = new JsonArray();
        int pages = 0;
        using var it = c.GetItemQueryIterator<JsonNode>(new QueryDefinition(sql), requestOptions: options);
        while (it.HasMoreResults)
        {
            pages++;
            foreach (var node in await it.ReadNextAsync())
            {
                if (node is JsonObject o) foreach (var f in new[] { "_rid", "_self", "_etag", "_ts", "_attachments" }) o.Remove(f);
                all.Add(node?.DeepClone());
            }
        }
        return (pageSize is null ? "" : $"{pages} pages ") + all.ToJsonString();
    }

    [Fact]
    public async Task Blob_operations_answer_the_same_with_the_fixes()
    {
        var stock = await LocalServices.GetAsync();
        string suffix = Guid.NewGuid().ToString("N")[..8];
        var answers = new List<List<string>>();
        foreach (var connection in new[] { stock.Azurite.ConnectionString, _azurite.ConnectionString })
            answers.Add(await BlobScriptAsync(new StorageClients(new StorageOptions { ConnectionString = connection, RequireHttps = false }), suffix));
        Assert.Equal(answers[0], answers[1]);
        Assert.Contains(answers[1], a => a.Contains("409")); // the snapshot-protected delete was refused on both
    }

    private static async Task<List<string>> BlobScriptAsync(StorageClients storage, string suffix)
    {
        var log = new List<string>();
        var (a, b) = (storage.Container("sfa" + suffix), storage.Container("sfb" + suffix));
        await a.CreateIfNotExistsAsync();
        await b.CreateIfNotExistsAsync();
        for (int i = 0; i < 40; i++)
            foreach (var c in new[] { a, b }) await c.GetBlobClient($"x/{i:D3}.bin").UploadAsync(new BinaryData(new byte[i + 1]), overwrite: true);
        for (int i = 0; i < 40; i += 8) await a.GetBlobClient($"x/{i:D3}.bin").UploadAsync(new BinaryData(new byte[100 + i]), overwrite: true);
        await a.GetBlobClient("x/007.bin").CreateSnapshotAsync();
        try { await a.GetBlobClient("x/007.bin").DeleteAsync(); log.Add("delete with snapshot: ok"); }
        catch (RequestFailedException e) { log.Add($"delete with snapshot: {e.Status} {e.ErrorCode}"); }
        for (int i = 0; i < 40; i += 3)
            log.Add($"delete {i}: {(await a.GetBlobClient($"x/{i:D3}.bin").DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots)).Value}");
        log.Add($"delete again: {(await a.GetBlobClient("x/000.bin").DeleteIfExistsAsync()).Value}");
        log.Add($"delete 007 with snapshots: {(await a.GetBlobClient("x/007.bin").DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots)).Value}");
        foreach (var c in new[] { a, b })
        {
            var names = new List<string>();
            await foreach (var item in c.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Snapshots })) names.Add($"{item.Name}:{item.Properties.ContentLength}:{item.Snapshot is not null}");
            log.Add($"{c.Name[..3]} list: {string.Join(",", names)}");
            var prefixed = new List<string>();
            await foreach (var item in c.GetBlobsAsync(new GetBlobsOptions { Prefix = "x/01" })) prefixed.Add(item.Name);
            log.Add($"{c.Name[..3]} prefix: {string.Join(",", prefixed)}");
        }
        for (int i = 0; i < 40; i += 5) log.Add($"exists {i}: {(await a.GetBlobClient($"x/{i:D3}.bin").ExistsAsync()).Value}/{(await b.GetBlobClient($"x/{i:D3}.bin").ExistsAsync()).Value}");
        await a.DeleteIfExistsAsync();
        await b.DeleteIfExistsAsync();
        return log;
    }
}
