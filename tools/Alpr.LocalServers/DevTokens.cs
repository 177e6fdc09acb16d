using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Alpr.LocalServers;

/// <summary>
/// Development bearer tokens signed with a local HMAC key (the app validates them when Auth:DevSigningKey is
/// set). In Azure, Microsoft Entra ID issues the tokens and no such key exists.
/// </summary>
public static class DevTokens
{
    public const string Issuer = "alpr-dev";
    public const string Audience = "alpr-api";

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The developer's key, created on first use under .alpr/ (git-ignored), never in the repository.</summary>
    public static string LocalSigningKey()
    {
        string dir = Path.Combine(RepoPaths.Root, ".alpr");
        string file = Path.Combine(dir, "dev-signing-key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(file, NewSigningKey());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return File.ReadAllText(file).Trim();
    }

    public static string Issue(string signingKey, string userId, string name, TimeSpan? lifetime = null, DateTimeOffset? now = null,
        string issuer = Issuer, string audience = Audience)
    {
        var at = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("name", name)]),
            IssuedAt = at,
            NotBefore = at.AddSeconds(-5),
            Expires = at + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(signingKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
