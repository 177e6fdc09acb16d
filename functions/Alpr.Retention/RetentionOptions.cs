namespace Alpr.Retention;

/// <summary>Settings under "Retention".</summary>
public sealed class RetentionOptions
{
    /// <summary>Preset name (san-leandro, palm-springs, escondido, visalia, pittsburg). No default: without a
    /// configured policy the purge refuses to run rather than guess.</summary>
    public string? Policy { get; set; }
    /// <summary>Reads per page: one candidate query page, one hold check, then its deletes; the purge record and the
    /// lease are refreshed between pages. Bounds the purge's memory whatever the number of expired reads.</summary>
    public int BatchSize { get; set; } = 500;
    /// <summary>Blob deletes in flight at once (context images and crops).</summary>
    public int BlobConcurrency { get; set; } = 16;
    /// <summary>Read-document deletes in flight at once.</summary>
    public int DocumentConcurrency { get; set; } = 16;
    /// <summary>How long a run's lease keeps a second run out (renewed every batch).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Blob container for evidence packages (Azure: legal hold + immutability policy on it).</summary>
    public string EvidenceContainer { get; set; } = "evidence";
    /// <summary>Azure only: put a blob legal hold on every evidence copy (Azurite does not implement it).</summary>
    public bool ApplyBlobLegalHold { get; set; }
    public TimeSpan HoldReviewInterval { get; set; } = TimeSpan.FromDays(90);
}
