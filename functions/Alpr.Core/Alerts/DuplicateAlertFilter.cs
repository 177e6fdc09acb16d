using System.Collections.Concurrent;

namespace Alpr.Core.Alerts;

/// <summary>
/// One alert, not many, when a camera reads the same plate again and again (a car at a light): the first
/// hit on an entry raises an alert; later captures by the same camera of the same plate for the same entry
/// within the window do not. Replaying the capture that raised the alert still raises it (same alert id),
/// so a retry after a crash republishes. Memory is bounded: entries older than the window are dropped when
/// the table grows past its limit. Per process: instances scaled out each keep their own table.
/// </summary>
public sealed class DuplicateAlertFilter(TimeSpan window, int maxTracked = 200_000)
{
    private readonly ConcurrentDictionary<(string Camera, string Plate, string Entry), (DateTimeOffset At, string AlertId)> _last = new();

    public TimeSpan Window => window;

    public bool ShouldRaise(string cameraId, string plate, string entryId, string alertId, DateTimeOffset capturedAt)
    {
        bool raise = true;
        _last.AddOrUpdate((cameraId, plate, entryId), (capturedAt, alertId), (_, previous) =>
        {
            if (previous.AlertId == alertId) return previous;
            if (capturedAt >= previous.At && capturedAt - previous.At < window) { raise = false; return previous; }
            return (capturedAt, alertId);
        });
        if (_last.Count > maxTracked) Prune(capturedAt);
        return raise;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, value) in _last)
            if (now - value.At >= window) _last.TryRemove(key, out _);
    }
}
