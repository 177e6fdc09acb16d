using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;

namespace Alpr.Reporting;

/// <summary>
/// Query helpers for the report's scans. Unbounded pages (MaxItemCount −1), as the purge does: on the local Cosmos
/// server a cross-partition query's continuation pages make the SDK ask for a query plan the server cannot give.
/// Single-partition queries still filter on c.pk in the SQL (the local server ignores the partition-key option).
/// </summary>
internal static class QuarterQueries
{
    public static async IAsyncEnumerable<JsonObject> AllAsync(Container container, QueryDefinition q, string? pk,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var options = new QueryRequestOptions { MaxItemCount = -1 };
        if (pk is null) options.EnableOptimisticDirectExecution = true;
        else options.PartitionKey = new PartitionKey(pk);
        using var it = container.GetItemQueryIterator<JsonObject>(q, requestOptions: options);
        while (it.HasMoreResults)
            foreach (var doc in await it.ReadNextAsync(ct))
                yield return doc;
    }
}
