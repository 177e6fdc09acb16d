namespace Alpr.Core.Cameras;

/// <summary>A registered camera. Only the SHA-256 of its key is kept, never the key itself.</summary>
public sealed record Camera
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required CameraKind Kind { get; init; }
    public required string KeyHash { get; init; }
    public bool Enabled { get; init; } = true;
    public Reads.GeoPoint? HomeLocation { get; init; }
}
