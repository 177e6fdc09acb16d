using System.Net;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>The one CosmosClient of the process and the database's containers.</summary>
public sealed class CosmosDatabase : IDisposable
{
    private readonly CosmosClient _client;
    public Database Database { get; }

    public CosmosDatabase(CosmosOptions options)
    {
        var endpoint = new Uri(options.Endpoint ?? throw new InvalidOperationException("Cosmos: Endpoint is required"));
        var clientOptions = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            Serializer = new CosmosJson(),
            LimitToEndpoint = endpoint.IsLoopback,
        };
        if (options.AcceptLocalServerCertificate && endpoint.IsLoopback)
        {
            clientOptions.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }
        _client = string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(endpoint.ToString(), new DefaultAzureCredential(), clientOptions)
            : new CosmosClient(endpoint.ToString(), options.Key, clientOptions);
        Database = _client.GetDatabase(options.Database);
    }

    public Container Container(string name) => Database.GetContainer(name);

    public CosmosClient Client => _client;

    /// <summary>Local runs create what infra/main.bicep creates in Azure.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        await _client.CreateDatabaseIfNotExistsAsync(Database.Id, cancellationToken: ct);
        foreach (var name in CosmosContainers.All)
            await Database.CreateContainerIfNotExistsAsync(new ContainerProperties(name, CosmosContainers.PartitionKeyPath), cancellationToken: ct);
    }

    public void Dispose() => _client.Dispose();

    internal static bool IsNotFound(CosmosException e) => e.StatusCode == HttpStatusCode.NotFound;
}
