namespace Alpr.Core.Pipeline;

public sealed class CaptureProcessorOptions
{
    /// <summary>Uploads larger than this are quarantined unread.</summary>
    public long MaxImageBytes { get; set; } = Recognition.ImageGuard.DefaultMaxBytes;
    /// <summary>How far in the future a stated capture time may lie (camera clock drift).</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Validity of the image links carried by events.</summary>
    public TimeSpan EventLinkValidity { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Container for plate crops.</summary>
    public string CropContainer { get; set; } = "crops";
    /// <summary>Same camera, plate and entry within this window: one alert.</summary>
    public TimeSpan DuplicateAlertWindow { get; set; } = TimeSpan.FromMinutes(5);
}
