using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alpr.Functions.Tests.Retention;

/// <summary>The app under a fake clock (starting now, so dev tokens stay valid) with a retention policy configured.</summary>
public sealed class RetentionApp
{
    public required AppFactory Factory { get; init; }
    public required WebApplicationFactory<Program> App { get; init; }
    public required FakeTimeProvider Time { get; init; }
    public string Camera { get; } = "cam" + Guid.NewGuid().ToString("N")[..10];
    public static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById(RetentionPresets.PacificTime);

    public static async Task<RetentionApp> CreateAsync(string policy = "palm-springs")
    {
        var factory = await AppFactory.CreateAsync(new Dictionary<string, string?> { ["Retention:Policy"] = policy });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(time)));
        app.CreateClient().Dispose();
        return new RetentionApp { Factory = factory, App = app, Time = time };
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

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
