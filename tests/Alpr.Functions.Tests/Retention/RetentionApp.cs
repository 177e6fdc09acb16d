using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.Storage;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alpr.Functions.Tests.Retention;

/// <summary>
/// The app under a fake clock (starting now, so dev tokens stay valid) with a retention policy configured and a
/// workflow-steps queue of its own, delivered by the test the way the Functions host would deliver it.
/// </summary>
public sealed class RetentionApp
{
    public required AppFactory Factory { get; init; }
    public required WebApplicationFactory<Program> App { get; init; }
    public required FakeTimeProvider Time { get; init; }
    public string Camera { get; } = "cam" + Guid.NewGuid().ToString("N")[..10];
    public static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById(RetentionPresets.PacificTime);

    public static async Task<RetentionApp> CreateAsync(string policy = "palm-springs")
    {
        var factory = await AppFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Retention:Policy"] = policy, ["Storage:WorkflowStepQueue"] = "wf" + Guid.NewGuid().ToString("N")[..10],
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(time)));
        app.CreateClient().Dispose();
        return new RetentionApp { Factory = factory, App = app, Time = time };
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Delivers queued workflow steps one at a time as the host does (POST /WorkflowSteps with Data.step and
    /// Metadata.DequeueCount) until the queue is empty or <paramref name="max"/> were delivered; a failed one is
    /// left for redelivery. Returns the steps delivered, as "step: outcome".
    /// </summary>
    public async Task<List<string>> DeliverStepsAsync(int max = 100)
    {
        var queue = Get<WorkflowStepQueue>();
        using var host = App.CreateClient();
        var delivered = new List<string>();
        while (delivered.Count < max)
        {
            var batch = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(2));
            if (batch.Count == 0) break;
            var m = batch[0];
            var resp = await host.PostAsync("/WorkflowSteps", JsonContent.Create(new
            {
                Data = new Dictionary<string, object> { ["step"] = JsonSerializer.Serialize(m.Step) },
                Metadata = new Dictionary<string, object> { ["DequeueCount"] = m.DequeueCount.ToString() },
            }));
            delivered.Add($"{m.Step.Step}: {(int)resp.StatusCode}");
            if (resp.IsSuccessStatusCode) await queue.CompleteAsync(m);
        }
        return delivered;
    }

    /// <summary>A crash that lost the queued steps: they are taken off the queue and never run.</summary>
    public async Task<List<string>> LoseQueuedStepsAsync()
    {
        var queue = Get<WorkflowStepQueue>();
        var lost = new List<string>();
        foreach (var m in await queue.ReceiveAsync(32, TimeSpan.FromSeconds(2))) { lost.Add(m.Step.Step); await queue.CompleteAsync(m); }
        return lost;
    }

    /// <summary>The WorkflowTimeouts timer, invoked as the host does.</summary>
    public async Task RunTimeoutsTimerAsync()
    {
        using var host = App.CreateClient();
        var resp = await host.PostAsync("/WorkflowTimeouts", JsonContent.Create(new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } }));
        resp.EnsureSuccessStatusCode();
    }

    public HttpClient ClientFor(Alpr.Core.Access.AlprUser user)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Alpr.LocalServers.DevTokens.Issue(Factory.SigningKey, user.Id, user.Name, null));
        return client;
    }

    public async Task<PlateRead> SeedAsync(int ageDays, string plate = "7ABC123", CameraKind kind = CameraKind.Fixed)
    {
        var today = RetentionClock.LocalDay(Time.GetUtcNow(), Pacific);
        var captured = RetentionClock.StartOfDay(today.AddDays(-ageDays), Pacific).AddHours(12);
        var day = DateOnly.FromDateTime(captured.UtcDateTime);
        string captureId = Guid.NewGuid().ToString("N");
        string name = $"{Camera}/{day:yyyy}/{day:MM}/{day:dd}/{captureId}.jpg";
        var read = new PlateRead
        {
            Id = PlateRead.MakeId(captureId, 0), CaptureId = captureId, CameraId = Camera, CameraKind = kind, CapturedAt = captured,
            ProcessedAt = captured, Plate = plate, Confidence = 0.9, Engine = "test", ImageBlob = "captures/" + name, CropBlob = "crops/" + name,
        };
        var storage = Get<Alpr.Storage.StorageClients>();
        await storage.Container("captures").GetBlobClient(name).UploadAsync(new BinaryData(System.Text.Encoding.UTF8.GetBytes("image " + captureId)), overwrite: true);
        await storage.Container("crops").GetBlobClient(name).UploadAsync(new BinaryData(System.Text.Encoding.UTF8.GetBytes("crop " + captureId)), overwrite: true);
        await Get<CosmosReadStore>().UpsertAsync(read);
        return read;
    }

    public async Task<bool> ReadExistsAsync(PlateRead r) =>
        (await new DocumentStore(Get<CosmosDatabase>().Container(CosmosContainers.Reads), CosmosReadStore.DocType).ReadAsync<PlateRead>(r.Id, CosmosReadStore.PartitionFor(r))) is not null;

    public async Task<bool> ImageExistsAsync(PlateRead r) =>
        await Get<Alpr.Storage.StorageClients>().Container("captures").GetBlobClient(r.ImageBlob["captures/".Length..]).ExistsAsync();
}
