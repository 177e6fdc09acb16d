using Alpr.Core.Retention;

namespace Alpr.Core.Reports;

/// <summary>Computes a quarter's reports from its records. Pure: the same records and seed give the same report.</summary>
public static class QuarterReportBuilder
{
    public static QuarterReport Build(QuarterRecords r, ulong sampleSeed, int sampleSize = ReviewSampler.MinimumSize)
    {
        var q = r.Quarter;
        var zone = r.Policy.TimeZone;
        var entries = r.Audit.Where(e => q.Contains(e.At, zone)).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var hits = r.Hits.Where(h => q.Contains(h.CapturedAt, zone)).ToList();
        var releases = ReleaseFigures.From(r.Releases, q, zone);
        var holds = HoldFigures.From(r.Holds, q, zone);
        var placed = r.Holds.Where(h => q.Contains(h.CreatedAt, zone)).ToList();
        var audit = new AuditFigures(
            entries.Count, entries.Count(e => e.ActorType == "user"), entries.Count(e => e.Outcome == Audit.AuditOutcome.Refused),
            entries.Where(e => e.ActorType == "user").ToList(),
            AccessFigures.ByUser(entries), AccessFigures.Flagged(entries), releases, holds, PurgeRunRow.From(r.PurgeRuns, q, zone),
            r.OverRetained.OrderBy(o => o.CapturedAt).ThenBy(o => o.ReadId, StringComparer.Ordinal).ToList(),
            TrainingLapses.Find(r.Users, entries, q), r.Chain, CaseActivities.From(entries, placed, releases.Requests, hits));
        var sample = ReviewSampler.Draw(ReviewSampler.Candidates(entries), sampleSeed, sampleSize);
        return new QuarterReport(q.ToString(), r.Policy.Agency, r.Policy.Name, r.Policy.TimeZoneId, q.Start(zone), q.End(zone), q.FirstDay, q.LastDay,
            r.GeneratedAt, r.Trigger, DetectionFigures.From(r.Detection, r.PurgeRuns, hits), audit, sample, Findings(audit, sample, r.Policy, q));
    }

    private static IReadOnlyList<Finding> Findings(AuditFigures a, ReviewSample sample, RetentionPolicy policy, Quarter q)
    {
        var list = new List<Finding>();
        if (!a.Chain.Intact)
            list.Add(new(Finding.AuditChainBroken, "audit log", $"hash chain broken: {a.Chain.FirstBreak}"));
        foreach (var o in a.OverRetained.Where(o => o.Holds.Count == 0))
            list.Add(new(Finding.OverRetainedWithoutHold, o.ReadId,
                $"{o.Kind.ToString().ToLowerInvariant()} read captured {o.CapturedAt:yyyy-MM-dd HH:mm}Z is {o.AgeDays} days old on {q.LastDay:yyyy-MM-dd} " +
                $"(longest period {policy.LongestDays} days) and no evidence hold explains it"));
        foreach (var l in a.TrainingLapses)
            list.Add(new(Finding.TrainingLapsedWithAccess, l.UserId, $"{l.Detail}; {l.AllowedAfterLapse} allowed and {l.RefusedAfterLapse} refused request(s) after the lapse"));
        foreach (var f in a.Flagged)
            list.Add(new(Finding.FlaggedAccess, f.UserId, $"{f.Action} {f.At:yyyy-MM-dd HH:mm}Z case {f.CaseNumber}: {string.Join(", ", f.Flags)}"));
        foreach (var p in a.PurgeRuns.Where(p => p.Status is nameof(PurgeRunStatus.Failed) or nameof(PurgeRunStatus.CompletedWithErrors)))
            list.Add(new(Finding.PurgeRunProblem, p.RunId, $"purge run {p.Status}: {p.Failed} item(s) failed"));
        if (a.PurgeRuns.Count == 0)
            list.Add(new(Finding.NoPurgeRun, "retention", "no purge run started in the quarter"));
        if (sample.Items.Count < ReviewSampler.MinimumSize)
            list.Add(new(Finding.SampleShort, "review sample", $"only {sample.Items.Count} image(s) were viewed in the quarter; all are in the sample"));
        return list;
    }
}
