using Alpr.Core.Access;
using Alpr.Core.Alerts;
using Alpr.Core.Events;

namespace Alpr.Core.Tests.Alerts;

public class AlertVerificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly HitAlert Alert = new()
    {
        Id = "r1-0~svs:1", ReadId = "r1-0", CameraId = "pole-1", CapturedAt = Now.AddMinutes(-1), Plate = "7ABC123", EntryId = "svs:1",
        EntryPlate = "7ABC123", ListId = "svs", MatchKind = "exact", MatchConfidence = 1, Priority = 1, RaisedAt = Now.AddMinutes(-1),
    };
    private static AlprUser User(Role role) => new() { Id = "u-" + role, Name = "n", Role = role };

    [Theory]
    [InlineData(Verdict.Confirmed, AlertStatus.Confirmed, AlprEventTypes.HitConfirmed)]
    [InlineData(Verdict.Rejected, AlertStatus.Rejected, AlprEventTypes.HitRejected)]
    public void Dispatcher_confirms_or_rejects(Verdict verdict, AlertStatus status, string eventType)
    {
        var r = AlertVerification.Apply(Alert, verdict, User(Role.Dispatcher), null, "  compared image and NCIC entry ", Now);
        Assert.Null(r.Refusal);
        Assert.Equal(status, r.Alert!.Status);
        Assert.Equal("u-Dispatcher", r.Alert.VerifiedBy);
        Assert.Equal("Dispatcher", r.Alert.VerifierRole);
        Assert.Equal(Now, r.Alert.VerifiedAt);
        Assert.Equal("compared image and NCIC entry", r.Alert.VerificationNote);
        Assert.Equal(eventType, r.EventType);
    }

    [Fact]
    public void Correction_keeps_the_read_and_records_the_plate_seen()
    {
        var r = AlertVerification.Apply(Alert, Verdict.Corrected, User(Role.Officer), "7abc-128", null, Now);
        Assert.Equal(AlertStatus.Corrected, r.Alert!.Status);
        Assert.Equal("7ABC128", r.Alert.CorrectedPlate);
        Assert.Equal("7ABC123", r.Alert.Plate);
        Assert.Equal(AlprEventTypes.HitCorrected, r.EventType);
    }

    [Theory]
    [InlineData(Role.MaintenanceContractor)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.AlprAdministrator)]
    public void Roles_without_the_permission_are_refused(Role role)
    {
        var r = AlertVerification.Apply(Alert, Verdict.Confirmed, User(role), null, null, Now);
        Assert.Equal(403, r.Status);
        Assert.Null(r.Alert);
    }

    [Fact]
    public void A_verdict_is_final()
    {
        var first = AlertVerification.Apply(Alert, Verdict.Rejected, User(Role.Dispatcher), null, null, Now).Alert!;
        var second = AlertVerification.Apply(first, Verdict.Confirmed, User(Role.Sergeant), null, null, Now);
        Assert.Equal(409, second.Status);
        Assert.Contains("rejected", second.Refusal);
    }

    [Theory]
    [InlineData(Verdict.Corrected, null)]
    [InlineData(Verdict.Corrected, "X")]
    [InlineData(Verdict.Corrected, "7ABC123")]
    [InlineData(Verdict.Confirmed, "7ABC128")]
    public void Inconsistent_corrections_are_400(Verdict verdict, string? plate) =>
        Assert.Equal(400, AlertVerification.Apply(Alert, verdict, User(Role.Dispatcher), plate, null, Now).Status);
}
