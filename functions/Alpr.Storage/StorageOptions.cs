namespace Alpr.Storage;

/// <summary>
/// Where images live. Locally a connection string (Azurite); in Azure the service URIs with the app's managed
/// identity, in which case SAS links are user-delegation SAS.
/// </summary>
public sealed class StorageOptions
{
    public string? ConnectionString { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }

    public string CapturesContainer { get; set; } = "captures";
    public string CropsContainer { get; set; } = "crops";
    public string QuarantineContainer { get; set; } = "quarantine";
    public string PendingCaptureQueue { get; set; } = "capture-pending";
    public string WorkflowStepQueue { get; set; } = "workflow-steps";

    /// <summary>How long a camera's upload URL is valid.</summary>
    public TimeSpan UploadSasValidity { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Azure: HTTPS only. Azurite serves plain HTTP on 127.0.0.1, so local runs turn this off.</summary>
    public bool RequireHttps { get; set; } = true;
}
