using Alpr.Core.Cameras;
using Alpr.Core.Retention;

namespace Alpr.Core.Tests.Retention;

public class PurgePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);

    private static PurgeCandidate Read(string id, int ageDays, params string[] holds) =>
        new(id, "2025-01-01", CameraKind.Fixed, Now.AddDays(-ageDays), "captures/c/x.jpg", "crops/c/x.jpg", holds);

    [Fact]
    public void Expired_unheld_is_deleted_held_is_kept_either_signal_suffices()
    {
        var policy = RetentionPresets.PalmSprings;
        var heldInStore = new HashSet<string> { "b" };
        Assert.Equal(PurgeDecision.Delete, PurgePlanner.Decide(Read("a", 400), policy, Now, heldInStore));
        Assert.Equal(PurgeDecision.KeepHeld, PurgePlanner.Decide(Read("b", 400), policy, Now, heldInStore));
        Assert.Equal(PurgeDecision.KeepHeld, PurgePlanner.Decide(Read("c", 400, "hold-1"), policy, Now, heldInStore));
        Assert.Equal(PurgeDecision.KeepNotExpired, PurgePlanner.Decide(Read("d", 10), policy, Now, heldInStore));
    }

    [Fact]
    public void Prefilter_bound_admits_every_expired_instant_whatever_its_offset()
    {
        var cutoff = new DateTimeOffset(2026, 10, 23, 7, 0, 0, TimeSpan.Zero);
        string bound = PurgePlanner.PrefilterBound(cutoff);
        foreach (var offset in new[] { -12, -8, 0, 9, 14 })
        {
            var justBefore = cutoff.AddTicks(-1).ToOffset(TimeSpan.FromHours(offset));
            Assert.True(string.CompareOrdinal(justBefore.ToString("O"), bound) < 0, $"offset {offset}");
        }
    }

    [Fact]
    public void Count_key_uses_source_and_local_day()
    {
        var c = Read("a", 0) with { CapturedAt = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero) };
        Assert.Equal("fixed/2026-11-22", PurgePlanner.CountKey(c, RetentionPresets.SanLeandro));
    }
}
