using System.Text.Json.Nodes;
using Alpr.Core.Workflows;
using Alpr.Cosmos;
using Alpr.Testing;

namespace Alpr.Adapters.Tests.Cosmos;

public class CosmosWorkflowStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static WorkflowInstance Instance(string id, DateTimeOffset? due = null, WorkflowRuntimeStatus status = WorkflowRuntimeStatus.Running) => new()
    {
        Id = id, Name = "wf", State = "waiting", RuntimeStatus = status, DueAt = due, CreatedAt = T0, LastUpdatedAt = T0,
        Input = new JsonObject { ["a"] = 1 },
    };

    [Fact]
    public async Task Replace_is_guarded_by_the_etag_and_create_refuses_a_second_instance_with_the_same_id()
    {
        using var db = await LocalCosmos.NewDatabaseAsync();
        var store = new CosmosWorkflowStore(db);
        Assert.True(await store.CreateAsync(Instance("w1")));
        Assert.False(await store.CreateAsync(Instance("w1")));

        var read = (await store.ReadAsync("w1"))!;
        Assert.Equal(1, (int)read.Instance.Input!["a"]!);
        Assert.True(await store.ReplaceAsync(read.Instance with { State = "first" }, read.Version));
        Assert.False(await store.ReplaceAsync(read.Instance with { State = "second" }, read.Version)); // stale ETag
        Assert.Equal("first", (await store.ReadAsync("w1"))!.Instance.State);
        Assert.Null(await store.ReadAsync("missing"));
    }

    [Fact]
    public async Task Due_lists_only_running_instances_whose_timeout_passed()
    {
        using var db = await LocalCosmos.NewDatabaseAsync();
        var store = new CosmosWorkflowStore(db);
        await store.CreateAsync(Instance("due", T0.AddMinutes(-1)));
        await store.CreateAsync(Instance("later", T0.AddMinutes(1)));
        await store.CreateAsync(Instance("none"));
        await store.CreateAsync(Instance("ended", T0.AddMinutes(-1), WorkflowRuntimeStatus.Completed));
        Assert.Equal(["due"], await store.DueAsync(T0, 10));
        await store.CreateAsync(Instance("stalled") with { PendingSteps = ["s"], LastUpdatedAt = T0.AddMinutes(-10) });
        Assert.Equal(["stalled"], await store.StalledAsync(T0.AddMinutes(-5), 10));
    }
}
