using System.Security.Cryptography;

namespace Alpr.Core.Retention.Holds;

public sealed record EvidenceFile(string Path, long Bytes, string Sha256);

/// <summary>What an evidence package contains, with the SHA-256 of every file, so integrity can be shown in court.</summary>
public sealed record EvidenceManifest(string HoldId, string CaseNumber, LegalBasis LegalBasis, DateTimeOffset CreatedAt, IReadOnlyList<EvidenceFile> Files)
{
    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Files whose content no longer matches the manifest (empty = intact).</summary>
    public IReadOnlyList<string> Mismatches(Func<string, byte[]?> contentOf) =>
        Files.Where(f => contentOf(f.Path) is not { } bytes || bytes.Length != f.Bytes || Sha256Hex(bytes) != f.Sha256).Select(f => f.Path).ToList();
}
