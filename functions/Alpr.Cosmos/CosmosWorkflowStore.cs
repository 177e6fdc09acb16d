using Alpr.Core.Workflows;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>Workflow instances, one document each, partitioned on the instance id; replaces are ETag-guarded.</summary>
public sealed class CosmosWorkflowStore(CosmosDatabase db) : IWorkflowStore
{
    public const string DocType = "workflow";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Workflows), DocType);

    public Task<bool> CreateAsync(WorkflowInstance instance, CancellationToken ct = default) =>
        _store.CreateIfAbsentAsync(instance, instance.Id, instance.Id, ct);

    public async Task<StoredWorkflow?> ReadAsync(string id, CancellationToken ct = default)
    {
        var v = await _store.ReadAsync<WorkflowInstance>(id, id, ct);
        return v is null ? null : new StoredWorkflow(v.Value, v.ETag);
    }

    public Task<bool> ReplaceAsync(WorkflowInstance instance, string version, CancellationToken ct = default) =>
        _store.ReplaceAsync(instance, instance.Id, instance.Id, version, ct);

    // Cross-partition queries; statuses are stored camelCase (CosmosJson).
    public Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int max, CancellationToken ct = default) =>
        IdsAsync(new QueryDefinition("SELECT c.id FROM c WHERE c.docType = @t AND IS_DEFINED(c.dueAt) AND c.dueAt <= @now " +
            "AND (c.runtimeStatus = 'pending' OR c.runtimeStatus = 'running')")
            .WithParameter("@t", DocType).WithParameter("@now", AsStored(now)), max, ct);

    public Task<IReadOnlyList<string>> StalledAsync(DateTimeOffset before, int max, CancellationToken ct = default) =>
        IdsAsync(new QueryDefinition("SELECT c.id FROM c WHERE c.docType = @t AND ARRAY_LENGTH(c.pendingSteps) > 0 AND c.lastUpdatedAt < @before")
            .WithParameter("@t", DocType).WithParameter("@before", AsStored(before)), max, ct);

    /// <summary>Exactly as System.Text.Json writes a UTC DateTimeOffset, so string order is time order.</summary>
    private static string AsStored(DateTimeOffset t) => System.Text.Json.JsonSerializer.Serialize(t.ToUniversalTime()).Trim('"');

    private async Task<IReadOnlyList<string>> IdsAsync(QueryDefinition q, int max, CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var doc in _store.QueryDocumentsAsync(q, null, ct))
        {
            ids.Add((string)doc["id"]!);
            if (ids.Count == max) break;
        }
        return ids;
    }
}
