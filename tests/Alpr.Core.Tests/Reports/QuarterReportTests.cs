using Alpr.Core.Reports;
using static Alpr.Core.Tests.Reports.SeededQuarter;

namespace Alpr.Core.Tests.Reports;

/// <summary>Every figure of the seeded quarter, as counted by hand from <see cref="SeededQuarter"/>.</summary>
public class QuarterReportTests
{
    private static readonly QuarterReport Report = QuarterReportBuilder.Build(Records(), Seed);

    [Fact]
    public void Header_names_the_quarter_its_local_bounds_and_the_agency()
    {
        Assert.Equal("2026Q4", Report.Quarter);
        Assert.Equal("Palm Springs PD", Report.Agency);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 7, 0, 0, TimeSpan.Zero), Report.PeriodStart);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 8, 0, 0, TimeSpan.Zero), Report.PeriodEnd);
        Assert.Equal(new DateOnly(2026, 12, 31), Report.LastDay);
    }

    [Fact]
    public void Reads_per_camera_source_and_day_include_purged_reads_where_they_can()
    {
        var d = Report.Detection;
        Assert.Equal(9, d.StoredReads);
        Assert.Equal(7, d.PurgedReads);
        Assert.Equal(16, d.TotalReads);
        Assert.Equal([("fixed", 11L, 6L), ("mobile", 5L, 1L)], d.PerSource.Select(s => (s.Source, s.Reads, s.Purged)));
        Assert.Equal([("cam-a", "fixed", 5L), ("cam-b", "mobile", 4L)], d.PerCamera.Select(c => (c.CameraId, c.Source, c.Reads)));
        Assert.Equal(92, d.PerDay.Count);
        var nonZero = d.PerDay.Where(x => x.Total > 0).Select(x => (x.Day.ToString("MM-dd"), x.Fixed, x.Mobile, x.Purged));
        Assert.Equal([("10-01", 3L, 0L, 0L), ("10-02", 6L, 0L, 6L), ("11-01", 2L, 0L, 0L), ("12-30", 0L, 1L, 1L), ("12-31", 0L, 4L, 0L)], nonZero);
        Assert.Equal(d.TotalReads, d.PerDay.Sum(x => x.Total));
    }

    [Fact]
    public void Hits_per_list_by_outcome_and_the_misread_rate()
    {
        var d = Report.Detection;
        Assert.Equal([("ncic", 4L, 2L, 1L, 0L, 1L), ("local", 2L, 1L, 0L, 1L, 0L)],
            d.HitsPerList.Select(l => (l.ListId, l.Hits, l.Confirmed, l.Rejected, l.Corrected, l.Unverified)));
        Assert.Equal((6L, 3L, 1L, 1L, 1L, 5L), (d.Hits, d.Confirmed, d.Rejected, d.Corrected, d.Unverified, d.Verdicts));
        Assert.Equal(0.4, d.MisreadRate!.Value, 10); // (1 rejected + 1 corrected) / 5 verdicts
    }

    [Fact]
    public void Accesses_grouped_by_user_with_reasons_and_case_numbers()
    {
        var a = Report.Audit;
        Assert.Equal((17L, 15L, 4L), (a.Entries, a.UserEntries, a.Refused));
        Assert.Equal([(Officer, 7L, 6L, 1L, 0L), (Analyst, 5L, 5L, 0L, 1L), (Lapsed, 2L, 1L, 1L, 0L), (Renewed, 1L, 0L, 1L, 0L)],
            a.AccessByUser.Select(u => (u.UserId, u.Entries, u.Allowed, u.Refused, u.Flagged)));
        var officer = a.AccessByUser[0];
        Assert.Equal("Officer", officer.Role);
        Assert.Equal([("reads.image", "criminal-investigation", "26-000100", 4L, 0L), ("reads.search", null, null, 0L, 1L), ("reads.search", "criminal-investigation", "26-000100", 2L, 0L)],
            officer.Groups.Select(g => (g.Action, g.Reason, g.CaseNumber, g.Allowed, g.Refused)));
        var flagged = Assert.Single(a.Flagged);
        Assert.Equal((Analyst, "26-000200"), (flagged.UserId, flagged.CaseNumber));
        Assert.Equal(["many-plates:80", "area-only"], flagged.Flags);
    }

    [Fact]
    public void Releases_holds_and_purge_runs_of_the_quarter()
    {
        var r = Report.Audit.Releases;
        Assert.Equal((4L, 2L, 1L, 0L, 0L, 1L, 0L), (r.Requested, r.Approved, r.Denied, r.PublicRecords, r.Expired, r.Pending, r.Failed));
        Assert.Equal(["rel-1", "rel-2", "rel-3", "rel-4"], r.Requests.Select(x => x.Id));
        Assert.Equal("immigration-needs-court-order", r.Requests[1].PolicyRule);

        var h = Report.Audit.Holds;
        Assert.Equal((1L, 1L, 2L, 1L, 2L), (h.Placed, h.Reviewed, h.Reviews, h.Released, h.ActiveAtEnd));
        Assert.Equal(["hold-b", "hold-a"], h.Holds.Select(x => x.HoldId)); // in order of placement
        Assert.Equal(("u-lieutenant", "case closed"), (h.Holds[0].ReleasedBy, h.Holds[0].ReleaseReason));

        Assert.Equal([("purge-1", 16L, 0L), ("purge-2", 1L, 2L)], Report.Audit.PurgeRuns.Select(p => (p.RunId, p.DeletedReads, p.Failed)));
    }

    [Fact]
    public void Over_retained_reads_lapsed_training_chain_and_cases()
    {
        var a = Report.Audit;
        Assert.Equal(["r-old-held", "r-old-orphan"], a.OverRetained.Select(o => o.ReadId));
        Assert.Equal([(Lapsed, "directory", 0L, 1L), (Renewed, "refusals", 0L, 1L)],
            a.TrainingLapses.Select(l => (l.UserId, l.Source, l.AllowedAfterLapse, l.RefusedAfterLapse)));
        Assert.Equal(new DateOnly(2026, 10, 5), a.TrainingLapses[1].TrainingExpiresOn);
        Assert.True(a.Chain.Intact);
        Assert.Equal(
            [("26-000100", 6L, 1L, 2L, 4L, 1L, 2L, 1L, 2L), ("26-000200", 5L, 1L, 1L, 4L, 0L, 0L, 1L, 0L), ("26-000300", 1L, 1L, 1L, 0L, 0L, 0L, 0L, 0L),
             ("26-000400", 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L), ("26-000500", 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L)],
            a.Cases.Select(c => (c.CaseNumber, c.Accesses, c.Users, c.Searches, c.ImagesViewed, c.HoldsPlaced, c.ReadsHeld, c.Releases, c.ConfirmedHits)));
    }

    [Fact]
    public void Sample_draws_five_of_the_seven_images_viewed_and_is_reproducible()
    {
        var s = Report.Sample;
        Assert.Equal(7, s.CandidateCount);
        Assert.Equal(5, s.Items.Count);
        Assert.Equal(s.Items.Select(i => i.Image), ReviewSampler.Choose(s.Candidates, ReviewSampler.ParseSeed(s.Seed), 5));
        Assert.Equal(s.Items.Select(i => i.Image), QuarterReportBuilder.Build(Records(), Seed).Sample.Items.Select(i => i.Image));
        var all = QuarterReportBuilder.Build(Records(), Seed, sampleSize: 7).Sample.Items.Single(i => i.Image.EndsWith("img1.jpg"));
        Assert.Equal([(Officer, "26-000100"), (Analyst, "26-000200")], all.Views.Select(v => (v.UserId, v.CaseNumber!)));
    }

    [Fact]
    public void Findings_name_the_orphan_read_the_lapses_the_flag_and_the_failed_purge()
    {
        Assert.Equal(
            [(Finding.OverRetainedWithoutHold, "r-old-orphan"), (Finding.TrainingLapsedWithAccess, Lapsed), (Finding.TrainingLapsedWithAccess, Renewed),
             (Finding.FlaggedAccess, Analyst), (Finding.PurgeRunProblem, "purge-2")],
            Report.Findings.Select(f => (f.Kind, f.Subject)));
        Assert.Contains("760 days", Report.Findings[0].Detail);
    }

    [Fact]
    public void A_broken_chain_no_purge_and_no_images_are_findings_too()
    {
        var records = Records() with { Chain = new ChainCheck(false, 93, 17, "2026-11-02 #4 (entry x): content does not match its hash (edited?)"), PurgeRuns = [], Audit = [] };
        var kinds = QuarterReportBuilder.Build(records, Seed).Findings.Select(f => f.Kind).ToList();
        Assert.Contains(Finding.AuditChainBroken, kinds);
        Assert.Contains(Finding.NoPurgeRun, kinds);
        Assert.Contains(Finding.SampleShort, kinds);
    }
}
