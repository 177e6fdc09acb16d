using Alpr.Core.Reports;

namespace Alpr.Reports.Csv;

/// <summary>Every table of both reports as its own CSV (times in UTC ISO-8601; days are agency-local).</summary>
public static class ReportCsv
{
    public static IReadOnlyList<CsvTable> Tables(QuarterReport r)
    {
        var d = r.Detection;
        var a = r.Audit;
        return
        [
            new("reads-per-day.csv", ["day", "fixed", "mobile", "total", "purged"], d.PerDay.Select(x => Row(x.Day, x.Fixed, x.Mobile, x.Total, x.Purged))),
            new("reads-per-source.csv", ["source", "reads", "purged"], d.PerSource.Select(s => Row(s.Source, s.Reads, s.Purged))),
            new("reads-per-camera.csv", ["camera_id", "source", "reads"], d.PerCamera.Select(c => Row(c.CameraId, c.Source, c.Reads))),
            new("hits-per-list.csv", ["list_id", "hits", "confirmed", "rejected", "corrected", "unverified"],
                d.HitsPerList.Select(l => Row(l.ListId, l.Hits, l.Confirmed, l.Rejected, l.Corrected, l.Unverified))),
            new("accesses.csv", ["entry_id", "at_utc", "user_id", "role", "action", "outcome", "target", "reason", "case_number", "query", "result_count", "client_address", "flags", "detail"],
                a.Accesses.Select(e => Row(e.Id, e.At, e.ActorId, e.ActorRole, e.Action, e.Outcome.ToString(), e.Target, e.Reason, e.CaseNumber, e.Query, e.ResultCount,
                    e.ClientAddress, e.Flags is null ? null : string.Join(";", e.Flags), e.Detail))),
            new("access-by-user.csv", ["user_id", "role", "action", "reason", "case_number", "allowed", "refused"],
                a.AccessByUser.SelectMany(u => u.Groups.Select(g => Row(u.UserId, u.Role, g.Action, g.Reason, g.CaseNumber, g.Allowed, g.Refused)))),
            new("flagged-accesses.csv", ["entry_id", "at_utc", "user_id", "role", "action", "reason", "case_number", "query", "result_count", "flags"],
                a.Flagged.Select(f => Row(f.EntryId, f.At, f.UserId, f.Role, f.Action, f.Reason, f.CaseNumber, f.Query, f.ResultCount, string.Join(";", f.Flags)))),
            new("releases.csv", ["request_id", "filed_at_utc", "requester_id", "agency", "agency_type", "purpose", "case_number", "policy_outcome", "policy_rule", "outcome", "decided_by", "decided_at_utc"],
                a.Releases.Requests.Select(x => Row(x.Id, x.FiledAt, x.RequesterId, x.Agency, x.AgencyType, x.Purpose, x.CaseNumber, x.PolicyOutcome, x.PolicyRule, x.Outcome, x.DecidedBy, x.DecidedAt))),
            new("holds.csv", ["hold_id", "case_number", "legal_basis", "placed_by", "placed_at_utc", "reads", "state", "placed_in_quarter", "reviews_in_quarter", "released_at_utc", "released_by", "release_reason"],
                a.Holds.Holds.Select(h => Row(h.HoldId, h.CaseNumber, h.LegalBasis, h.PlacedBy, h.PlacedAt, h.Reads, h.State, h.PlacedInQuarter, h.ReviewsInQuarter, h.ReleasedAt, h.ReleasedBy, h.ReleaseReason))),
            new("purge-runs.csv", ["run_id", "started_at_utc", "trigger", "status", "examined", "deleted_reads", "deleted_blobs", "skipped_held", "failed"],
                a.PurgeRuns.Select(p => Row(p.RunId, p.StartedAt, p.Trigger, p.Status, p.Examined, p.DeletedReads, p.DeletedBlobs, p.SkippedHeld, p.Failed))),
            new("over-retention.csv", ["read_id", "source", "captured_at_utc", "age_days", "hold_ids", "case_numbers", "explanation"],
                a.OverRetained.Select(o => Row(o.ReadId, o.Kind.ToString().ToLowerInvariant(), o.CapturedAt, o.AgeDays, string.Join(";", o.Holds.Select(h => h.HoldId)),
                    string.Join(";", o.Holds.Select(h => h.CaseNumber)), o.Holds.Count == 0 ? "NO HOLD" : "evidence hold"))),
            new("training-lapses.csv", ["user_id", "name", "role", "training_expires_on", "source", "detail", "allowed_after_lapse", "refused_after_lapse"],
                a.TrainingLapses.Select(l => Row(l.UserId, l.Name, l.Role, l.TrainingExpiresOn, l.Source, l.Detail, l.AllowedAfterLapse, l.RefusedAfterLapse))),
            new("cases.csv", ["case_number", "accesses", "users", "searches", "images_viewed", "holds_placed", "reads_held", "releases", "confirmed_hits"],
                a.Cases.Select(c => Row(c.CaseNumber, c.Accesses, c.Users, c.Searches, c.ImagesViewed, c.HoldsPlaced, c.ReadsHeld, c.Releases, c.ConfirmedHits))),
            new("sample.csv", ["item_id", "image", "read", "entry_id", "viewed_at_utc", "user_id", "role", "reason", "case_number"],
                r.Sample.Items.SelectMany(i => i.Views.Select(v => Row(i.ItemId, i.Image, i.Read, v.EntryId, v.At, v.UserId, v.Role, v.Reason, v.CaseNumber)))),
            new("findings.csv", ["kind", "subject", "detail"], r.Findings.Select(f => Row(f.Kind, f.Subject, f.Detail))),
        ];
    }

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
