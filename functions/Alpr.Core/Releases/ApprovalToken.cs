using System.Security.Cryptography;
using System.Text;

namespace Alpr.Core.Releases;

/// <summary>What an approval link binds: one request, one approver, an expiry and a single-use nonce.</summary>
public sealed record ApprovalClaims(string RequestId, string ApproverId, DateTimeOffset ExpiresAt, string Nonce);

/// <summary>
/// Approval links are the approver's credential (a person clicking an e-mailed link has no bearer token), so
/// they are HMAC-SHA256 signed, bound to request + approver, expiring, and single use: the nonce must match the
/// one the workflow is waiting for, and the workflow consumes it with an ETag-guarded write.
/// Format: base64url("v1|request|approver|expiryUnixSeconds|nonce") + "." + base64url(HMAC).
/// </summary>
public static class ApprovalToken
{
    public static string Sign(ApprovalClaims c, byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("the link signing key must be at least 32 bytes", nameof(key));
        if (new[] { c.RequestId, c.ApproverId, c.Nonce }.Any(s => s.Contains('|'))) throw new ArgumentException("claims may not contain '|'");
        byte[] payload = Encoding.UTF8.GetBytes($"v1|{c.RequestId}|{c.ApproverId}|{c.ExpiresAt.ToUnixTimeSeconds()}|{c.Nonce}");
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The claims, or why the token is refused (malformed, bad signature, expired).</summary>
    public static (ApprovalClaims? Claims, string? Error) Verify(string? token, byte[] key, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024) return (null, "missing or oversized token");
        int dot = token.IndexOf('.');
        if (dot <= 0 || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var mac))
            return (null, "malformed token");
        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(key, payload)))
            return (null, "signature does not match (forged or altered link)");
        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 5 || parts[0] != "v1" || !long.TryParse(parts[3], out long exp)) return (null, "malformed token");
        var claims = new ApprovalClaims(parts[1], parts[2], DateTimeOffset.FromUnixTimeSeconds(exp), parts[4]);
        return now >= claims.ExpiresAt ? (null, "link expired") : (claims, null);
    }

    public static string NewNonce() => Base64Url(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string s, out byte[] bytes)
    {
        string b64 = s.Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - b64.Length % 4) % 4);
        bytes = [];
        try { bytes = Convert.FromBase64String(b64); return true; }
        catch (FormatException) { return false; }
    }
}
