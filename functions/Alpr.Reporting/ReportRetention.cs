using Alpr.Core.Retention;

namespace Alpr.Reporting;

/// <summary>
/// Audit reports are kept two years (Escondido 1.62 V.C; every preset's AuditDays = 730) and then deleted, by the
/// same day rule as reads: a version written on local day W is kept while its age is ≤ AuditDays and deleted from
/// age AuditDays + 1 on — i.e. when it was written before local midnight starting (today − AuditDays). Each version
/// is aged from its own writing, findings go with it. Unfinished versions (no manifest) age from their first blob.
/// </summary>
public static class ReportRetentionRule
{
    public static DateTimeOffset Cutoff(RetentionPolicy policy, DateTimeOffset now) => RetentionClock.CutoffForDays(policy.AuditDays, now, policy.TimeZone);

    public static bool IsExpired(RetentionPolicy policy, DateTimeOffset writtenAt, DateTimeOffset now) => writtenAt < Cutoff(policy, now);

    /// <summary>The first instant at which a version written at <paramref name="writtenAt"/> may be deleted.</summary>
    public static DateTimeOffset DeletableFrom(RetentionPolicy policy, DateTimeOffset writtenAt) =>
        RetentionClock.StartOfDay(RetentionClock.LocalDay(writtenAt, policy.TimeZone).AddDays(policy.AuditDays + 1), policy.TimeZone).ToUniversalTime();
}

/// <summary>Deletes report versions past the audit period; run by the QuarterlyReports timer every hour (idempotent).</summary>
public sealed class ReportRetention(ReportArchive archive)
{
    public async Task<IReadOnlyList<ReportVersion>> PurgeAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var expired = new List<ReportVersion>();
        foreach (var v in await archive.VersionsAsync(null, ct))
        {
            var written = v.Complete && await archive.ManifestAsync(v.Quarter, v.Version, ct) is { } m ? m.CreatedAt : v.StartedAt;
            if (!ReportRetentionRule.IsExpired(policy, written, now)) continue;
            await archive.DeleteVersionAsync(v.Quarter, v.Version, ct);
            expired.Add(v);
        }
        return expired;
    }
}
