using Alpr.Core.Cameras;
using Alpr.Core.Retention;

namespace Alpr.Core.Reports;

/// <summary>
/// Counts reads captured in a quarter per camera and per agency-local day and source, one read at a time, so the
/// adapter can stream a quarter's reads without holding them. Reads outside the quarter are ignored.
/// </summary>
public sealed class DetectionTally(Quarter quarter, TimeZoneInfo zone)
{
    private readonly DateTimeOffset _start = quarter.Start(zone), _end = quarter.End(zone);
    private readonly Dictionary<(string Camera, CameraKind Kind), long> _perCamera = new();
    private readonly Dictionary<(DateOnly Day, CameraKind Kind), long> _perDay = new();

    public Quarter Quarter => quarter;
    public TimeZoneInfo Zone => zone;
    public IReadOnlyDictionary<(string Camera, CameraKind Kind), long> PerCamera => _perCamera;
    public IReadOnlyDictionary<(DateOnly Day, CameraKind Kind), long> PerDay => _perDay;

    /// <summary>True when the read falls in the quarter and was counted.</summary>
    public bool Add(string cameraId, CameraKind kind, DateTimeOffset capturedAt)
    {
        if (capturedAt < _start || capturedAt >= _end) return false;
        var camera = (cameraId, kind);
        _perCamera[camera] = _perCamera.GetValueOrDefault(camera) + 1;
        var day = (RetentionClock.LocalDay(capturedAt, zone), kind);
        _perDay[day] = _perDay.GetValueOrDefault(day) + 1;
        return true;
    }
}
