namespace Alpr.Core.Reads;

/// <summary>Where a capture was taken. Heading in degrees clockwise from north, when the camera knows it.</summary>
public sealed record GeoPoint(double Latitude, double Longitude, double? Heading = null)
{
    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180
        && (Heading is null || Heading is >= 0 and < 360);
}
