using Alpr.Core.Cameras;

namespace Alpr.Core.Tests.Cameras;

public class CameraKeysTests
{
    [Fact]
    public void Stored_hash_matches_only_the_issued_key()
    {
        string key = CameraKeys.NewKey();
        string hash = CameraKeys.Hash(key);
        Assert.DoesNotContain(key, hash);
        Assert.Equal(64, hash.Length);
        Assert.True(CameraKeys.Matches(key, hash));
        Assert.False(CameraKeys.Matches(key + "x", hash));
        Assert.False(CameraKeys.Matches(CameraKeys.NewKey(), hash));
    }

    [Fact]
    public void Keys_are_long_and_distinct() =>
        Assert.Equal(100, Enumerable.Range(0, 100).Select(_ => CameraKeys.NewKey()).Where(k => k.Length >= 40).Distinct().Count());
}
