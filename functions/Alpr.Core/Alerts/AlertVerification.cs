using Alpr.Core.Access;
using Alpr.Core.Events;
using Alpr.Core.Plates;

namespace Alpr.Core.Alerts;

public enum Verdict { Confirmed, Rejected, Corrected }

/// <summary>The outcome of an operator's verdict: the updated alert and the event to publish, or why not.</summary>
public sealed record VerificationResult(HitAlert? Alert, string? EventType, string? Refusal, int Status)
{
    public static VerificationResult Refuse(string why, int status) => new(null, null, why, status);
}

/// <summary>
/// A hit stays unverified until an operator compares the image with the entry — state and characters — and
/// confirms it, rejects it as a misread, or corrects the plate (Palm Springs 430.6(k)(l), Escondido IV.A.3).
/// A verdict is final: a second verdict on the same alert is refused (a corrected plate raises new alerts of
/// its own, which are verified separately).
/// </summary>
public static class AlertVerification
{
    public static VerificationResult Apply(HitAlert alert, Verdict verdict, AlprUser operatorUser, string? correctedPlate, string? note, DateTimeOffset now)
    {
        if (!AccessPolicy.Allows(operatorUser.Role, Permission.VerifyAlerts))
            return VerificationResult.Refuse($"role {operatorUser.Role} may not verify alerts", 403);
        if (alert.Status != AlertStatus.Unverified)
            return VerificationResult.Refuse($"alert was already {alert.Status.ToString().ToLowerInvariant()} by {alert.VerifiedBy}", 409);

        string? corrected = null;
        if (verdict == Verdict.Corrected)
        {
            corrected = PlateText.Normalize(correctedPlate);
            if (!PlateText.IsPlausible(corrected)) return VerificationResult.Refuse("a correction needs the plate as read on the image (2–8 letters and digits)", 400);
            if (corrected == alert.Plate) return VerificationResult.Refuse("the corrected plate is the same as the read; confirm or reject instead", 400);
        }
        else if (!string.IsNullOrEmpty(correctedPlate))
            return VerificationResult.Refuse("a corrected plate is only given with the verdict 'corrected'", 400);

        var updated = alert with
        {
            Status = verdict switch { Verdict.Confirmed => AlertStatus.Confirmed, Verdict.Rejected => AlertStatus.Rejected, _ => AlertStatus.Corrected },
            VerifiedBy = operatorUser.Id,
            VerifierRole = operatorUser.Role.ToString(),
            VerifiedAt = now,
            CorrectedPlate = corrected,
            VerificationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 500)],
        };
        string type = verdict switch { Verdict.Confirmed => AlprEventTypes.HitConfirmed, Verdict.Rejected => AlprEventTypes.HitRejected, _ => AlprEventTypes.HitCorrected };
        return new VerificationResult(updated, type, null, 200);
    }
}
