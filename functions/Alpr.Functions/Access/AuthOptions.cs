namespace Alpr.Functions.Access;

/// <summary>
/// Bearer-token validation. Azure: <see cref="Authority"/> = the Entra ID tenant (keys from its metadata).
/// Local: a symmetric development signing key that ./alpr keeps outside the repository.
/// </summary>
public sealed class AuthOptions
{
    public string? Authority { get; set; }
    public string Issuer { get; set; } = "alpr-dev";
    public string Audience { get; set; } = "alpr-api";
    /// <summary>Base64 HMAC-SHA256 key for development tokens. Never set in Azure.</summary>
    public string? DevSigningKey { get; set; }
    /// <summary>Claim carrying the user's id: "oid" for Entra ID, "sub" for development tokens.</summary>
    public string UserIdClaim { get; set; } = "sub";
}
