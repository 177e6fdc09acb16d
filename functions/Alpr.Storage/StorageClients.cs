using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Alpr.Storage;

/// <summary>The Blob and Queue service clients, built once from <see cref="StorageOptions"/>.</summary>
public sealed class StorageClients
{
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public StorageOptions Options { get; }

    public StorageClients(StorageOptions options, TokenCredential? credential = null)
    {
        Options = options;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (!string.IsNullOrEmpty(options.ConnectionString))
        {
            Blobs = new BlobServiceClient(options.ConnectionString);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
        }
        else
        {
            credential ??= new DefaultAzureCredential();
            Blobs = new BlobServiceClient(options.BlobServiceUri ?? throw new InvalidOperationException("Storage: set ConnectionString or BlobServiceUri"), credential);
            Queues = new QueueServiceClient(options.QueueServiceUri ?? throw new InvalidOperationException("Storage: set QueueServiceUri"), credential, queueOptions);
        }
    }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    /// <summary>Creates the containers and queues the app uses (private access only).</summary>
    public async Task EnsureCreatedAsync(IEnumerable<string>? extraContainers = null, CancellationToken ct = default)
    {
        foreach (var c in new[] { Options.CapturesContainer, Options.CropsContainer, Options.QuarantineContainer, HotlistFeedStore.Container }.Concat(extraContainers ?? []))
            await Container(c).CreateIfNotExistsAsync(cancellationToken: ct);
        await Queues.GetQueueClient(Options.PendingCaptureQueue).CreateIfNotExistsAsync(cancellationToken: ct);
    }
}
