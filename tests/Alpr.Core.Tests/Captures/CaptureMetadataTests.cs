using Alpr.Core.Cameras;
using Alpr.Core.Captures;
using Alpr.Core.Reads;

namespace Alpr.Core.Tests.Captures;

public class CaptureMetadataTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Round_trips_through_blob_metadata()
    {
        var meta = new CaptureMetadata(Now.AddHours(-7), CameraKind.Mobile, new GeoPoint(33.83, -116.54, 271.5));
        var parsed = CaptureMetadata.Parse(meta.ToDictionary().AsReadOnly(), Now, TimeSpan.FromMinutes(5));
        Assert.Null(parsed.Error);
        Assert.Equal(meta, parsed.Value);
    }

    [Fact]
    public void Backlog_capture_time_days_old_is_kept()
    {
        var d = new Dictionary<string, string> { ["CapturedAt"] = "2026-11-20T03:04:05Z", ["cameratype"] = "MOBILE" };
        var parsed = CaptureMetadata.Parse(d, Now, TimeSpan.FromMinutes(5));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 3, 4, 5, TimeSpan.Zero), parsed.Value!.CapturedAt);
    }

    [Theory]
    [InlineData(null, "fixed", null, null, "capturedat")]
    [InlineData("yesterday", "fixed", null, null, "capturedat")]
    [InlineData("2026-11-23T13:00:00Z", "fixed", null, null, "future")]
    [InlineData("2026-11-23T11:00:00Z", "drone", null, null, "cameratype")]
    [InlineData("2026-11-23T11:00:00Z", "fixed", "91", "0", "range")]
    [InlineData("2026-11-23T11:00:00Z", "fixed", "33.8", null, "both")]
    public void Refuses_incomplete_or_impossible_metadata(string? at, string type, string? lat, string? lon, string expectedInError)
    {
        var d = new Dictionary<string, string> { ["cameratype"] = type };
        if (at is not null) d["capturedat"] = at;
        if (lat is not null) d["latitude"] = lat;
        if (lon is not null) d["longitude"] = lon;
        var parsed = CaptureMetadata.Parse(d, Now, TimeSpan.FromMinutes(5));
        Assert.Null(parsed.Value);
        Assert.Contains(expectedInError, parsed.Error);
    }
}
