using System.Globalization;
using Alpr.Core.Access;
using Alpr.Core.Audit;

namespace Alpr.Core.Reports;

/// <summary>
/// A user whose ALPR training was not valid on some day of the quarter while their account gave them access
/// (active and approved). <see cref="Source"/>: "directory" (the user record now) or "refusals" (the access log shows
/// requests refused for lapsed training — which also catches users who renewed since). Entries after the lapse are
/// counted: allowed ones would mean the standing check failed.
/// </summary>
public sealed record TrainingLapse(string UserId, string? Name, string? Role, DateOnly? TrainingExpiresOn, string Source, string Detail,
    long AllowedAfterLapse, long RefusedAfterLapse);

public static class TrainingLapses
{
    private const string ExpiredPrefix = "ALPR training expired on ", NotCompleted = "ALPR training not completed";

    public static IReadOnlyList<TrainingLapse> Find(IEnumerable<AlprUser> users, IReadOnlyList<AuditEntry> entries, Quarter q)
    {
        var result = new Dictionary<string, TrainingLapse>(StringComparer.Ordinal);
        foreach (var u in users)
        {
            if (!u.Active || u.ApprovedBy is null || u.ApprovedAt is null) continue;
            DateOnly? lapsedFrom = u.TrainingCompletedOn is null ? q.FirstDay
                : u.TrainingExpiresOn is { } e && e < q.LastDay ? e.AddDays(1) : null;
            if (lapsedFrom is null) continue;
            string detail = u.TrainingCompletedOn is null ? "no ALPR training recorded" : $"training expired on {u.TrainingExpiresOn:yyyy-MM-dd}, account still active and approved";
            result[u.Id] = Lapse(u.Id, u.Name, u.Role.ToString(), u.TrainingExpiresOn, "directory", detail, lapsedFrom.Value, entries);
        }
        // Requests the standing check refused for training show a lapse even if the record was renewed since.
        foreach (var g in entries.Where(e => e is { ActorType: "user", Outcome: AuditOutcome.Refused } && IsTrainingRefusal(e.Detail)).GroupBy(e => e.ActorId, StringComparer.Ordinal))
        {
            if (result.ContainsKey(g.Key)) continue;
            var first = g.OrderBy(e => e.At).First();
            DateOnly? expired = first.Detail!.StartsWith(ExpiredPrefix, StringComparison.Ordinal)
                && DateOnly.TryParseExact(first.Detail[ExpiredPrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            var from = expired?.AddDays(1) ?? DateOnly.FromDateTime(first.At.UtcDateTime);
            result[g.Key] = Lapse(g.Key, null, first.ActorRole, expired, "refusals", $"{g.Count()} request(s) refused: {first.Detail}", from, entries);
        }
        return result.Values.OrderBy(l => l.UserId, StringComparer.Ordinal).ToList();
    }

    private static bool IsTrainingRefusal(string? detail) =>
        detail is not null && (detail.StartsWith(ExpiredPrefix, StringComparison.Ordinal) || detail.StartsWith(NotCompleted, StringComparison.Ordinal));

    // The standing check compares training dates with the UTC date of the request (PermissionFilter), so this does too.
    private static TrainingLapse Lapse(string id, string? name, string? role, DateOnly? expires, string source, string detail, DateOnly from, IReadOnlyList<AuditEntry> entries)
    {
        var after = entries.Where(e => e.ActorType == "user" && e.ActorId == id && DateOnly.FromDateTime(e.At.UtcDateTime) >= from).ToList();
        return new TrainingLapse(id, name, role, expires, source, detail, after.Count(e => e.Outcome == AuditOutcome.Allowed), after.Count(e => e.Outcome == AuditOutcome.Refused));
    }
}
