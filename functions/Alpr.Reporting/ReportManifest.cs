namespace Alpr.Reporting;

public sealed record ManifestFile(string Name, string ContentType, long Bytes, string Sha256);

/// <summary>
/// manifest.json, the last blob of a version: what it holds, with sizes and SHA-256. A version without one is
/// unfinished (being written, or abandoned by a crash) and is never shown.
/// </summary>
public sealed record ReportManifest(string Quarter, int Version, DateTimeOffset CreatedAt, string Trigger, string Policy, string SampleSeed,
    int Findings, IReadOnlyList<ManifestFile> Files);

/// <summary>A version as listed: complete (has its manifest) or not, and when its first blob was written.</summary>
public sealed record ReportVersion(string Quarter, int Version, bool Complete, DateTimeOffset StartedAt);

/// <summary>A reviewer's finding on one sample item, stored as its own create-only blob beside the version.</summary>
public sealed record SampleFinding(string Quarter, int Version, string ItemId, string Image, string Outcome, string Note,
    string ReviewerId, string? ReviewerRole, DateTimeOffset At);
