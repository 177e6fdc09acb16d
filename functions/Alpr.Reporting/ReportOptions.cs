namespace Alpr.Reporting;

/// <summary>Settings under "Reports". The agency, zone and two-year period come from the retention preset (Retention:Policy).</summary>
public sealed class ReportOptions
{
    public string Container { get; set; } = "reports";
    /// <summary>Images in the random review (never fewer than five: San Leandro 418.6.1).</summary>
    public int SampleSize { get; set; } = 5;
    /// <summary>Read partitions (upload days) scanned past the quarter's end, for mobile backlogs uploaded late.</summary>
    public int LateUploadDays { get; set; } = 31;
    /// <summary>A version still without its manifest this long after it was started is taken as abandoned (crash).</summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>Azure only: an unlocked time-based immutability policy on every report blob until it may be purged (Azurite lacks it).</summary>
    public bool ApplyImmutabilityPolicy { get; set; }
}
