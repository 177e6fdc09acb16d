using Alpr.Core.Releases;

namespace Alpr.Functions.Releases;

/// <summary>Data-release settings (section "Releases"). The signing key comes from configuration/Key Vault, never the repo.</summary>
public sealed class ReleaseOptions
{
    /// <summary>Base64, at least 32 bytes, generated per environment. Without it approval links cannot be issued (fail closed).</summary>
    public string? LinkSigningKey { get; set; }
    /// <summary>Agencies outside this state need a court order (Civil Code 1798.90.55(b)).</summary>
    public string HomeState { get; set; } = "CA";
    /// <summary>Approver user ids in escalation order (captain, then chief...). Ineligible ones and the requester are skipped.</summary>
    public List<string> Approvers { get; set; } = [];
    /// <summary>Designees who may approve without holding ApproveRelease by role.</summary>
    public List<string> Designees { get; set; } = [];
    public List<MouPartner> MouPartners { get; set; } = [];
    public TimeSpan ApprovalWindow { get; set; } = TimeSpan.FromHours(72);
    /// <summary>How long a download link handed to the requester stays valid.</summary>
    public TimeSpan DownloadValidity { get; set; } = TimeSpan.FromHours(24);
    public string ExportsContainer { get; set; } = "exports";
    /// <summary>Reads exported per request at most (a bigger scope must be narrowed).</summary>
    public int MaxReads { get; set; } = 50_000;

    public byte[] SigningKey()
    {
        if (string.IsNullOrEmpty(LinkSigningKey)) throw new InvalidOperationException("Releases:LinkSigningKey is not configured");
        var key = Convert.FromBase64String(LinkSigningKey);
        if (key.Length < 32) throw new InvalidOperationException("Releases:LinkSigningKey must be at least 32 bytes");
        return key;
    }
}
