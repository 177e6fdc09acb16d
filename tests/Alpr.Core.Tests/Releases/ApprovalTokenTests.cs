using System.Security.Cryptography;
using Alpr.Core.Releases;

namespace Alpr.Core.Tests.Releases;

public class ApprovalTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ApprovalClaims Claims = new("req-1", "captain-1", Now.AddHours(72), "n1-0");

    [Fact]
    public void A_signed_link_verifies_to_its_claims() =>
        Assert.Equal(Claims with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(Claims.ExpiresAt.ToUnixTimeSeconds()) },
            ApprovalToken.Verify(ApprovalToken.Sign(Claims, Key), Key, Now).Claims);

    [Fact]
    public void A_link_signed_with_another_key_is_forged() =>
        Assert.Contains("signature", ApprovalToken.Verify(ApprovalToken.Sign(Claims, RandomNumberGenerator.GetBytes(32)), Key, Now).Error);

    [Fact]
    public void Changing_any_claim_breaks_the_signature()
    {
        string token = ApprovalToken.Sign(Claims, Key);
        string other = ApprovalToken.Sign(Claims with { ApproverId = "officer-9" }, RandomNumberGenerator.GetBytes(32));
        // Swap in another payload (different approver) while keeping the original signature.
        string tampered = other[..other.IndexOf('.')] + token[token.IndexOf('.')..];
        Assert.Contains("signature", ApprovalToken.Verify(tampered, Key, Now).Error);
        char[] flipped = token.ToCharArray();
        flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
        Assert.NotNull(ApprovalToken.Verify(new string(flipped), Key, Now).Error);
    }

    [Fact]
    public void An_expired_link_is_refused() =>
        Assert.Equal("link expired", ApprovalToken.Verify(ApprovalToken.Sign(Claims, Key), Key, Now.AddHours(72)).Error);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("!!!.???")]
    public void Garbage_is_malformed(string? token) => Assert.NotNull(ApprovalToken.Verify(token, Key, Now).Error);
}
