using Alpr.Core.Alerts;

namespace Alpr.Core.Tests.Alerts;

public class DuplicateAlertFilterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Same_camera_plate_and_entry_within_the_window_raise_one_alert()
    {
        var f = new DuplicateAlertFilter(TimeSpan.FromMinutes(5));
        Assert.True(f.ShouldRaise("cam", "7ABC123", "e1", "a1", T0));
        Assert.False(f.ShouldRaise("cam", "7ABC123", "e1", "a2", T0.AddSeconds(20)));
        Assert.False(f.ShouldRaise("cam", "7ABC123", "e1", "a3", T0.AddMinutes(4)));
        Assert.True(f.ShouldRaise("cam", "7ABC123", "e1", "a4", T0.AddMinutes(5)));
    }

    [Fact]
    public void Other_cameras_plates_or_entries_raise_their_own()
    {
        var f = new DuplicateAlertFilter(TimeSpan.FromMinutes(5));
        Assert.True(f.ShouldRaise("cam", "7ABC123", "e1", "a1", T0));
        Assert.True(f.ShouldRaise("cam2", "7ABC123", "e1", "b1", T0));
        Assert.True(f.ShouldRaise("cam", "7ABC124", "e1", "c1", T0));
        Assert.True(f.ShouldRaise("cam", "7ABC123", "e2", "d1", T0));
    }

    [Fact]
    public void Replaying_the_capture_that_raised_the_alert_raises_it_again()
    {
        var f = new DuplicateAlertFilter(TimeSpan.FromMinutes(5));
        Assert.True(f.ShouldRaise("cam", "7ABC123", "e1", "a1", T0));
        Assert.True(f.ShouldRaise("cam", "7ABC123", "e1", "a1", T0));
    }

    [Fact]
    public void Memory_stays_bounded()
    {
        var f = new DuplicateAlertFilter(TimeSpan.FromMinutes(1), maxTracked: 100);
        for (int i = 0; i < 10_000; i++) f.ShouldRaise("cam", $"P{i}", "e", $"a{i}", T0.AddMinutes(i));
        Assert.True(f.ShouldRaise("cam", "P0", "e", "again", T0.AddMinutes(10_001)));
    }
}
