using System.Globalization;
using Alpr.Core.Cameras;
using Alpr.Core.Reads;

namespace Alpr.Core.Captures;

/// <summary>
/// What the camera states about a capture, sent as blob metadata (<c>x-ms-meta-*</c> headers on the PUT).
/// Mobile units uploading a backlog send the original capture time, which the read keeps.
/// </summary>
public sealed record CaptureMetadata(DateTimeOffset CapturedAt, CameraKind CameraKind, GeoPoint? Location)
{
    public const string CapturedAtKey = "capturedat";
    public const string CameraTypeKey = "cameratype";
    public const string LatitudeKey = "latitude";
    public const string LongitudeKey = "longitude";
    public const string HeadingKey = "heading";

    public static readonly IReadOnlyList<string> Keys = [CapturedAtKey, CameraTypeKey, LatitudeKey, LongitudeKey, HeadingKey];

    public IDictionary<string, string> ToDictionary()
    {
        var d = new Dictionary<string, string>
        {
            [CapturedAtKey] = CapturedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            [CameraTypeKey] = CameraKind.ToWire(),
        };
        if (Location is not null)
        {
            d[LatitudeKey] = Location.Latitude.ToString("R", CultureInfo.InvariantCulture);
            d[LongitudeKey] = Location.Longitude.ToString("R", CultureInfo.InvariantCulture);
            if (Location.Heading is { } h) d[HeadingKey] = h.ToString("R", CultureInfo.InvariantCulture);
        }
        return d;
    }

    /// <summary>
    /// Parses blob metadata. Capture time is required and may not lie in the future (beyond clock skew);
    /// a location, when given, must be complete and in range.
    /// </summary>
    public static CaptureMetadataResult Parse(IReadOnlyDictionary<string, string> metadata, DateTimeOffset now, TimeSpan allowedSkew)
    {
        string? Get(string key) => metadata.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

        if (!DateTimeOffset.TryParse(Get(CapturedAtKey), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var capturedAt))
            return CaptureMetadataResult.Fail($"metadata '{CapturedAtKey}' missing or not an ISO-8601 time");
        if (capturedAt > now + allowedSkew)
            return CaptureMetadataResult.Fail($"metadata '{CapturedAtKey}' lies in the future");
        if (!CameraKindText.TryParse(Get(CameraTypeKey), out var kind))
            return CaptureMetadataResult.Fail($"metadata '{CameraTypeKey}' must be 'fixed' or 'mobile'");

        GeoPoint? location = null;
        string? lat = Get(LatitudeKey), lon = Get(LongitudeKey), heading = Get(HeadingKey);
        if (lat is not null || lon is not null)
        {
            if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var la)
                || !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
                return CaptureMetadataResult.Fail("metadata latitude/longitude must both be numbers");
            double? h = null;
            if (heading is not null)
            {
                if (!double.TryParse(heading, NumberStyles.Float, CultureInfo.InvariantCulture, out var hv))
                    return CaptureMetadataResult.Fail("metadata heading must be a number");
                h = hv;
            }
            location = new GeoPoint(la, lo, h);
            if (!location.IsValid) return CaptureMetadataResult.Fail("metadata location out of range");
        }
        return CaptureMetadataResult.Ok(new CaptureMetadata(capturedAt, kind, location));
    }
}

public sealed record CaptureMetadataResult(CaptureMetadata? Value, string? Error)
{
    public static CaptureMetadataResult Ok(CaptureMetadata value) => new(value, null);
    public static CaptureMetadataResult Fail(string error) => new(null, error);
}
