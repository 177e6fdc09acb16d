using System.Security.Cryptography;

namespace Alpr.Core.Retention.Holds;

public sealed record EvidenceFile(string Path, long Bytes, string Sha256);

/// <summary>A file the package should contain but does not: its source (read document or blob) and why.</summary>
public sealed record MissingEvidence(string ReadId, string Source, string Reason);

/// <summary>
/// What an evidence package contains, with the SHA-256 of every file, so integrity can be shown in court; and
/// what it should have contained but could not (<see cref="Missing"/>), so an absence is on the record too.
/// </summary>
public sealed record EvidenceManifest(string HoldId, string CaseNumber, LegalBasis LegalBasis, DateTimeOffset CreatedAt, IReadOnlyList<EvidenceFile> Files)
{
    public IReadOnlyList<MissingEvidence> Missing { get; init; } = [];

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Files whose content no longer matches the manifest (empty = intact).</summary>
    public IReadOnlyList<string> Mismatches(Func<string, byte[]?> contentOf) =>
        Files.Where(f => contentOf(f.Path) is not { } bytes || bytes.Length != f.Bytes || Sha256Hex(bytes) != f.Sha256).Select(f => f.Path).ToList();
}
