using Alpr.Core.Retention;

namespace Alpr.Core.Reports;

/// <summary>A purge run that started in the quarter and what it removed.</summary>
public sealed record PurgeRunRow(string RunId, DateTimeOffset StartedAt, string Trigger, string Status, long Examined, long DeletedReads,
    long DeletedBlobs, long SkippedHeld, long Failed)
{
    public static IReadOnlyList<PurgeRunRow> From(IEnumerable<PurgeRecord> runs, Quarter q, TimeZoneInfo zone) =>
        runs.Where(r => q.Contains(r.StartedAt, zone)).OrderBy(r => r.StartedAt)
            .Select(r => new PurgeRunRow(r.RunId, r.StartedAt, r.Trigger, r.Status.ToString(), r.Examined, r.DeletedReads, r.DeletedBlobs, r.SkippedHeld, r.Failed))
            .ToList();
}
