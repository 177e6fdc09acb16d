namespace Alpr.Core.Access;

/// <summary>Whether a user may use the system at all today (Palm Springs 430.6(i), 430.7; Civil Code 1798.90.51).</summary>
public static class UserStanding
{
    /// <summary>Null when in good standing, else the reason for refusal.</summary>
    public static string? Refusal(AlprUser? user, DateOnly today)
    {
        if (user is null) return "not a registered ALPR user";
        if (!user.Active) return "account is deactivated";
        if (user.ApprovedBy is null || user.ApprovedAt is null) return "access not approved by the ALPR administrator";
        if (user.TrainingCompletedOn is null) return "ALPR training not completed";
        if (user.TrainingExpiresOn is { } expires && expires < today) return $"ALPR training expired on {expires:yyyy-MM-dd}";
        return null;
    }
}
