using System.Security.Cryptography;
using System.Text;

namespace Alpr.Core.Cameras;

/// <summary>Camera keys: generated with a CSPRNG, stored as SHA-256, compared in constant time.</summary>
public static class CameraKeys
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string presentedKey, string storedHash)
    {
        var presented = Encoding.ASCII.GetBytes(Hash(presentedKey));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
