namespace Alpr.Core.Events;

/// <summary>CloudEvents "type" values published by the back end (documented in docs/events.md).</summary>
public static class AlprEventTypes
{
    public const string Source = "/alpr";
    public const string PlateRead = "Alpr.PlateRead";
    public const string HotlistHit = "Alpr.HotlistHit";
    public const string HitConfirmed = "Alpr.HotlistHit.Confirmed";
    public const string HitRejected = "Alpr.HotlistHit.Rejected";
    public const string HitCorrected = "Alpr.HotlistHit.Corrected";
    /// <summary>A capture was processed and no plate was found in it (camera-health signal; no plate data).</summary>
    public const string CaptureWithoutPlate = "Alpr.CaptureWithoutPlate";
    public const string ReleaseRequested = "Alpr.Release.Requested";
    public const string ReleaseApproved = "Alpr.Release.Approved";
    public const string ReleaseDenied = "Alpr.Release.Denied";
    public const string ReleaseExpired = "Alpr.Release.Expired";
    public const string ReleaseFulfilled = "Alpr.Release.Fulfilled";
}

/// <summary>An event ready to publish. The id is deterministic so a replayed capture publishes the same ids.</summary>
public sealed record AlprEvent(string Id, string Type, string Subject, DateTimeOffset Time, object Data);

public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<AlprEvent> events, CancellationToken cancellationToken = default);
}
