namespace Alpr.Functions.Captures;

public sealed class CaptureApiOptions
{
    /// <summary>Standalone mode: also queue a notice so the trigger loop finds the blob (Event Grid does this in Azure).</summary>
    public bool NotifyPendingCaptures { get; set; }
    /// <summary>How long after the upload URL expires the trigger loop keeps looking for the blob.</summary>
    public TimeSpan UploadGrace { get; set; } = TimeSpan.FromMinutes(2);
}
