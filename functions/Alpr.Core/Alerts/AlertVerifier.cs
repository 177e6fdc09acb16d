using Alpr.Core.Access;
using Alpr.Core.Events;
using Alpr.Core.Hotlists;
using Alpr.Core.Pipeline;

namespace Alpr.Core.Alerts;

/// <summary>What came of a verdict: the alert as stored now, alerts the correction raised, or a refusal.</summary>
public sealed record VerifyOutcome(HitAlert? Alert, IReadOnlyList<HitAlert> RaisedByCorrection, string? Refusal, int Status);

/// <summary>
/// Applies an operator's verdict: the pure rules of <see cref="AlertVerification"/>, an ETag-guarded write
/// (two operators cannot both decide), and for a correction the read keeps both plates and the corrected
/// plate is matched again. Publishes <c>Alpr.HotlistHit.{Confirmed|Rejected|Corrected}</c> and any new hits.
/// </summary>
public sealed class AlertVerifier(IAlertStore alerts, IReadStore reads, IHotlistMatcher matcher, IEventPublisher events, CaptureProcessor processor, TimeProvider time)
{
    public async Task<VerifyOutcome> VerifyAsync(string alertId, Verdict verdict, AlprUser user, string? correctedPlate, string? note, CancellationToken ct = default)
    {
        var stored = await alerts.GetAsync(alertId, ct);
        if (stored is null) return new VerifyOutcome(null, [], "no such alert", 404);
        var now = time.GetUtcNow();
        var result = AlertVerification.Apply(stored.Alert, verdict, user, correctedPlate, note, now);
        if (result.Alert is null) return new VerifyOutcome(null, [], result.Refusal, result.Status);
        if (!await alerts.ReplaceAsync(result.Alert, stored.ETag, ct))
            return new VerifyOutcome(null, [], "another operator decided this alert at the same moment; reload it", 409);

        var outgoing = new List<AlprEvent>
        {
            new($"{alertId}:{result.Alert.Status.ToString().ToLowerInvariant()}", result.EventType!, $"/alerts/{alertId}", now, new
            {
                alertId, status = result.Alert.Status.ToString().ToLowerInvariant(), plate = result.Alert.Plate, correctedPlate = result.Alert.CorrectedPlate,
                entryId = result.Alert.EntryId, listId = result.Alert.ListId, priority = result.Alert.Priority,
                verifiedBy = result.Alert.VerifiedBy, verifierRole = result.Alert.VerifierRole, verifiedAt = now, note = result.Alert.VerificationNote,
            }),
        };
        var raised = verdict == Verdict.Corrected ? await RematchAsync(result.Alert, user, now, outgoing, ct) : [];
        await events.PublishAsync(outgoing, ct);
        return new VerifyOutcome(result.Alert, raised, null, 200);
    }

    private async Task<IReadOnlyList<HitAlert>> RematchAsync(HitAlert alert, AlprUser user, DateTimeOffset now, List<AlprEvent> outgoing, CancellationToken ct)
    {
        if (alert.ImageBlob is null || await reads.GetAsync(alert.ReadId, alert.ImageBlob, ct) is not { } read) return [];
        var corrected = read with { CorrectedPlate = alert.CorrectedPlate, CorrectedBy = user.Id };
        await reads.UpsertAsync(corrected, ct);

        var raised = new List<HitAlert>();
        var readData = await processor.ToEventDataAsync(corrected with { Plate = alert.CorrectedPlate! }, ct);
        foreach (HotlistMatch m in matcher.Match(alert.CorrectedPlate!, read.Region, [], read.CapturedAt))
        {
            var newAlert = CaptureProcessor.ToAlert(corrected with { Plate = alert.CorrectedPlate! }, m, now) with { RaisedByCorrectionOf = alert.Id };
            if (!await alerts.CreateIfAbsentAsync(newAlert, ct)) continue;
            raised.Add(newAlert);
            outgoing.Add(new AlprEvent($"{newAlert.Id}:hit", AlprEventTypes.HotlistHit, $"/alerts/{newAlert.Id}", now, CaptureProcessor.ToHitData(newAlert, readData, m, now)));
        }
        return raised;
    }
}
