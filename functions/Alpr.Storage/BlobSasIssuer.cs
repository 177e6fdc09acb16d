using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Alpr.Storage;

/// <summary>
/// SAS URLs for exactly one blob. With an account key (Azurite) a service SAS; with a managed identity
/// (Azure) a user-delegation SAS from a cached delegation key, so no account key is ever needed.
/// </summary>
public sealed class BlobSasIssuer(StorageClients clients, TimeProvider time)
{
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

    /// <summary>Create + write on one blob that does not exist yet; the camera PUTs with If-None-Match: *.</summary>
    public Task<Uri> UploadUriAsync(string container, string blobName, TimeSpan validFor, CancellationToken ct) =>
        IssueAsync(container, blobName, BlobSasPermissions.Create | BlobSasPermissions.Write, validFor, ct);

    /// <summary>Read-only on one blob.</summary>
    public Task<Uri> ReadUriAsync(string container, string blobName, TimeSpan validFor, CancellationToken ct) =>
        IssueAsync(container, blobName, BlobSasPermissions.Read, validFor, ct);

    private async Task<Uri> IssueAsync(string container, string blobName, BlobSasPermissions permissions, TimeSpan validFor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var blob = clients.Container(container).GetBlobClient(blobName);
        var sas = new BlobSasBuilder(permissions, now + validFor)
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            // A little slack for clocks that run behind.
            StartsOn = now.AddMinutes(-1),
            Protocol = clients.Options.RequireHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri) return blob.GenerateSasUri(sas);

        var key = await DelegationKeyAsync(now, ct);
        var builder = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, clients.Blobs.AccountName) };
        return builder.ToUri();
    }

    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset now, CancellationToken ct)
    {
        await _keyLock.WaitAsync(ct);
        try
        {
            if (_delegationKey is null || _delegationKey.SignedExpiresOn < now.AddHours(1))
                _delegationKey = (await clients.Blobs.GetUserDelegationKeyAsync(now.AddMinutes(-1), now.AddDays(1), ct)).Value;
            return _delegationKey;
        }
        finally { _keyLock.Release(); }
    }
}
