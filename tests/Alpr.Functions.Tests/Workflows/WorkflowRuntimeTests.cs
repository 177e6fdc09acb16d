using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpr.Core.Access;
using Alpr.Core.Workflows;
using Alpr.Functions.Hosting;
using Alpr.Functions.Workflows;
using Alpr.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alpr.Functions.Tests.Workflows;

/// <summary>The durable-style runtime end to end on Cosmos + the Azurite queue, through its HTTP contract and functions.</summary>
public class WorkflowRuntimeTests : IAsyncLifetime
{
    private AppFactory _factory = null!;
    private WebApplicationFactory<Program> _app = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TestWorkStep _step = new();

    public async Task InitializeAsync()
    {
        _factory = await AppFactory.CreateAsync(new Dictionary<string, string?> { ["Storage:WorkflowStepQueue"] = "wf" + Guid.NewGuid().ToString("N")[..10] });
        _app = _factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<TimeProvider>(_time);
            s.AddSingleton<IWorkflowDefinition, TestWorkflow>();
            s.AddSingleton<IWorkflowStepHandler>(_step);
            s.AddSingleton(new WorkflowAccessRule(TestWorkflow.WorkflowName, Permission.ApproveRelease, Permission.ApproveRelease));
        }));
    }

    public async Task DisposeAsync() { await _app.DisposeAsync(); await _factory.DisposeAsync(); }

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();
    private HttpClient Client(AlprUser u) { var c = _app.CreateClient(); c.DefaultRequestHeaders.Authorization = _factory.ClientFor(u).DefaultRequestHeaders.Authorization; return c; }

    private async Task<string> StartAsync()
    {
        string id = Guid.NewGuid().ToString("N");
        await Get<WorkflowEngine>().StartAsync(TestWorkflow.WorkflowName, id, new JsonObject { ["x"] = 1 });
        return id;
    }

    /// <summary>Delivers every queued step the way the Functions host would (Data.step + Metadata.DequeueCount).</summary>
    private async Task<List<string>> DeliverStepsAsync(bool complete = true)
    {
        var queue = Get<WorkflowStepQueue>();
        var results = new List<string>();
        foreach (var m in await queue.ReceiveAsync(32, TimeSpan.FromSeconds(1)))
        {
            var request = new InvocationRequest
            {
                Data = new() { ["step"] = JsonSerializer.SerializeToElement(JsonSerializer.Serialize(m.Step)) },
                Metadata = new() { ["DequeueCount"] = JsonSerializer.SerializeToElement(m.DequeueCount.ToString()) },
            };
            var function = _app.Services.GetServices<IFunctionHandler>().Single(h => h.Name == "WorkflowSteps");
            var response = await function.InvokeAsync(request, CancellationToken.None);
            results.Add(response.Logs.Single());
            if (complete) await queue.CompleteAsync(m);
        }
        return results;
    }

    [Fact]
    public async Task Status_is_202_while_running_then_approval_runs_the_step_and_status_is_200_with_history()
    {
        var captain = await _factory.AddUserAsync(Role.Captain);
        var http = Client(captain);
        string id = await StartAsync();

        var running = await http.GetAsync($"/api/workflows/{id}");
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal($"/api/workflows/{id}", running.Headers.Location!.OriginalString);
        var body = await running.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Running", (string)body!["runtimeStatus"]!);
        Assert.Null(body["historyEvents"]);

        var raised = await http.PostAsync($"/api/workflows/{id}/raiseEvent/approve", new StringContent("{\"ok\":true}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        Assert.Contains("completed", Assert.Single(await DeliverStepsAsync()));

        var done = await http.GetAsync($"/api/workflows/{id}?showHistory=true");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var final = (await done.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Completed", (string)final["runtimeStatus"]!);
        Assert.Equal("ok", (string)final["output"]!["result"]!);
        Assert.Equal(captain.Id, (string)final["customStatus"]!["by"]!);
        var history = final["historyEvents"]!.AsArray().Select(h => (string)h!["type"]!).ToList();
        Assert.Equal(["EventRaised", "StepCompleted"], history);

        // Ended: further events are 410 Gone, as Durable answers.
        var late = await http.PostAsync($"/api/workflows/{id}/raiseEvent/approve", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }

    [Fact]
    public async Task Raise_event_answers_400_for_non_json_and_inapplicable_events_404_for_unknown_and_403_without_permission()
    {
        var captain = await _factory.AddUserAsync(Role.Captain);
        var http = Client(captain);
        string id = await StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync($"/api/workflows/{id}/raiseEvent/approve", new StringContent("not json", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync($"/api/workflows/{id}/raiseEvent/bogus", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync($"/api/workflows/{id}/raiseEvent/timeout", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/api/workflows/nope{id}/raiseEvent/approve", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/workflows/nope{id}")).StatusCode);

        var officer = await _factory.AddUserAsync(Role.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(officer).PostAsync($"/api/workflows/{id}/raiseEvent/approve", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync($"/api/workflows/{id}")).StatusCode);
        Assert.Equal("waiting", (await Get<IWorkflowStore>().ReadAsync(id))!.Instance.State); // nothing changed
    }

    [Fact]
    public async Task The_timer_fires_due_timeouts_only_once_they_are_due()
    {
        string id = await StartAsync();
        var timer = _app.Services.GetServices<IFunctionHandler>().Single(h => h.Name == "WorkflowTimeouts");
        await timer.InvokeAsync(new InvocationRequest(), CancellationToken.None);
        Assert.Equal("waiting", (await Get<IWorkflowStore>().ReadAsync(id))!.Instance.State);

        _time.Advance(TimeSpan.FromMinutes(61));
        await timer.InvokeAsync(new InvocationRequest(), CancellationToken.None);
        var after = (await Get<IWorkflowStore>().ReadAsync(id))!.Instance;
        Assert.Equal("expired", after.State);
        Assert.Equal(WorkflowRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Contains(after.History, h => h.Detail == "timeout by timer");
    }

    [Fact]
    public async Task A_redelivered_step_does_not_run_twice()
    {
        string id = await StartAsync();
        await Get<WorkflowEngine>().RaiseAsync(id, new WorkflowEvent("approve", null, "u1"));
        var queue = Get<WorkflowStepQueue>();
        var first = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(1)));
        await Get<WorkflowStepRunner>().RunAsync(first.Step, 1, CancellationToken.None);
        // The lease lapsed before the delete (a crash): the same message is delivered again.
        string again = await Get<WorkflowStepRunner>().RunAsync(first.Step, 2, CancellationToken.None);
        Assert.Contains("already done", again);
        Assert.Equal(1, _step.Runs);
    }

    [Fact]
    public async Task A_step_failing_every_attempt_is_poison_and_fails_the_instance_with_the_error_in_history()
    {
        _step.FailuresLeft = 100;
        string id = await StartAsync();
        await Get<WorkflowEngine>().RaiseAsync(id, new WorkflowEvent("approve", null, "u1"));
        var step = Assert.Single(await Get<WorkflowStepQueue>().ReceiveAsync(32, TimeSpan.FromSeconds(1))).Step;
        var runner = Get<WorkflowStepRunner>();
        for (int attempt = 1; attempt < 5; attempt++)
            await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(step, attempt, CancellationToken.None));
        Assert.Equal(WorkflowRuntimeStatus.Running, (await Get<IWorkflowStore>().ReadAsync(id))!.Instance.RuntimeStatus);
        Assert.Contains("poison", await runner.RunAsync(step, 5, CancellationToken.None));
        var failed = (await Get<IWorkflowStore>().ReadAsync(id))!.Instance;
        Assert.Equal(WorkflowRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains(failed.History, h => h.Type == "StepFailed" && h.Detail!.Contains("work failed"));
    }

    [Fact]
    public async Task A_step_whose_enqueue_was_lost_is_requeued_by_the_timer_after_the_stall_period()
    {
        string id = await StartAsync();
        await Get<WorkflowEngine>().RaiseAsync(id, new WorkflowEvent("approve", null, "u1"));
        // Simulate the crash between the ETag-guarded write and the enqueue: the message never reached the queue.
        var queue = Get<WorkflowStepQueue>();
        foreach (var m in await queue.ReceiveAsync(32, TimeSpan.FromSeconds(1))) await queue.CompleteAsync(m);

        _time.Advance(TimeSpan.FromMinutes(6));
        var timer = _app.Services.GetServices<IFunctionHandler>().Single(h => h.Name == "WorkflowTimeouts");
        await timer.InvokeAsync(new InvocationRequest(), CancellationToken.None);
        Assert.Contains("completed", Assert.Single(await DeliverStepsAsync()));
        Assert.Equal("done", (await Get<IWorkflowStore>().ReadAsync(id))!.Instance.State);
        Assert.Equal(1, _step.Runs);
    }
}
