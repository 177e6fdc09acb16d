using Alpr.Core.Access;
using Alpr.Core.Cameras;
using Alpr.LocalServers;
using Alpr.Cosmos;
using Alpr.Storage;
using Alpr.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Alpr.Functions.Tests;

/// <summary>
/// The real app in-process, wired to the real local servers, with its own database, containers and queue so
/// test classes don't see each other's data.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    public LocalServices Servers { get; }
    public string Suffix { get; } = Guid.NewGuid().ToString("N")[..10];
    public string SigningKey { get; } = DevTokens.NewSigningKey();

    private AppFactory(LocalServices servers, string database, IDictionary<string, string?> overrides)
    {
        Servers = servers;
        _settings = new Dictionary<string, string?>
        {
            ["CreateResourcesIfMissing"] = "true",
            ["Storage:ConnectionString"] = servers.Azurite.ConnectionString,
            ["Storage:RequireHttps"] = "false",
            ["Storage:CapturesContainer"] = "captures",
            ["Storage:CropsContainer"] = "crops",
            ["Storage:QuarantineContainer"] = "quarantine",
            ["Storage:PendingCaptureQueue"] = "pending" + Suffix,
            ["Cosmos:Endpoint"] = servers.Cosmos.Endpoint,
            ["Cosmos:Key"] = Alpr.LocalServers.CosmosServer.Key,
            ["Cosmos:Database"] = database,
            ["Cosmos:AcceptLocalServerCertificate"] = "true",
            ["EventGrid:TopicEndpoint"] = servers.EventGrid.Endpoint.ToString(),
            ["EventGrid:Key"] = servers.EventGrid.Key,
            ["Standalone:Enabled"] = "false",
            ["Auth:DevSigningKey"] = SigningKey,
        };
        foreach (var (k, v) in overrides) _settings[k] = v;
    }

    public static async Task<AppFactory> CreateAsync(IDictionary<string, string?>? overrides = null)
    {
        var servers = await LocalServices.GetAsync();
        var factory = new AppFactory(servers, await LocalCosmos.UsableDatabaseNameAsync(servers, "db"), overrides ?? new Dictionary<string, string?>());
        factory.CreateClient().Dispose(); // start the host (creates containers, loads hotlists)
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Registers a camera and returns its key (only the hash is stored).</summary>
    public async Task<string> AddCameraAsync(string id, CameraKind kind = CameraKind.Fixed, bool enabled = true)
    {
        string key = CameraKeys.NewKey();
        await Get<CosmosCameraRegistry>().UpsertAsync(new Camera { Id = id, Name = id, Kind = kind, KeyHash = CameraKeys.Hash(key), Enabled = enabled });
        return key;
    }

    public StorageClients Storage => Get<StorageClients>();

    /// <summary>Registers a user (trained, approved and active unless told otherwise).</summary>
    public async Task<AlprUser> AddUserAsync(Role role, string? id = null, DateOnly? trainingExpires = null, bool approved = true, bool trained = true, bool active = true)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var user = new AlprUser
        {
            Id = id ?? $"{role}-{Guid.NewGuid():N}"[..24].ToLowerInvariant(),
            Name = $"Test {role}",
            Role = role,
            TrainingCompletedOn = trained ? today.AddMonths(-1) : null,
            TrainingExpiresOn = trained ? trainingExpires ?? today.AddYears(1) : null,
            ApprovedBy = approved ? "admin-1" : null,
            ApprovedAt = approved ? DateTimeOffset.UtcNow.AddDays(-30) : null,
            Active = active,
        };
        await Get<CosmosUserDirectory>().UpsertAsync(user);
        return user;
    }

    /// <summary>An HTTP client carrying a development bearer token for the user.</summary>
    public HttpClient ClientFor(AlprUser user, TimeSpan? lifetime = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DevTokens.Issue(SigningKey, user.Id, user.Name, lifetime));
        return client;
    }
}
