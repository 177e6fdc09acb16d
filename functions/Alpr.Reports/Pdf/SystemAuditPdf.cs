using Alpr.Core.Reports;
using PdfSharp.Drawing;

namespace Alpr.Reports.Pdf;

/// <summary>
/// The ALPR System Audit Report (Palm Springs 430.4(h), 430.9(e); San Leandro 418.6.1): findings first, then every
/// section the auditor signs off, ending with the random review sample and a column for the reviewer's finding.
/// </summary>
public static class SystemAuditPdf
{
    public static byte[] Render(QuarterReport r, int version)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone);
        var a = r.Audit;
        string L(DateTimeOffset? t) => Format.Local(t, zone);
        var pdf = new PdfLayout($"ALPR System Audit Report {r.Quarter}", $"{r.Agency} · System Audit Report {r.Quarter} · version {version}");
        pdf.Text($"ALPR System Audit Report — {r.Quarter}", PdfLayout.Title);
        pdf.Text($"{r.Agency}, {Format.Day(r.FirstDay)} to {Format.Day(r.LastDay)} (times in {r.TimeZone}); retention policy {r.Policy}", PdfLayout.Body);
        pdf.Text($"Version {version}, generated {L(r.GeneratedAt)} ({r.Trigger}). Retained two years (Escondido 1.62 V.C).", PdfLayout.Italic);
        pdf.Space(6);
        pdf.Facts([
            ("Audit entries in the quarter", $"{Format.N(a.Entries)} ({Format.N(a.UserEntries)} by people, {Format.N(a.Refused)} refused)"),
            ("Users with recorded activity", Format.N(a.AccessByUser.Count)),
            ("Accesses flagged by guards", Format.N(a.Flagged.Count)),
            ("Release requests", $"{Format.N(a.Releases.Requested)} filed: {Format.N(a.Releases.Approved)} approved, {Format.N(a.Releases.Denied)} denied, " +
                $"{Format.N(a.Releases.PublicRecords)} to public records, {Format.N(a.Releases.Expired)} expired, {Format.N(a.Releases.Pending)} pending"),
            ("Evidence holds", $"{Format.N(a.Holds.Placed)} placed, {Format.N(a.Holds.Reviewed)} reviewed ({Format.N(a.Holds.Reviews)} reviews), {Format.N(a.Holds.Released)} released, {Format.N(a.Holds.ActiveAtEnd)} active at quarter end"),
            ("Purge runs", $"{Format.N(a.PurgeRuns.Count)} runs deleted {Format.N(a.PurgeRuns.Sum(p => p.DeletedReads))} reads"),
            ("Data kept past two years", $"{Format.N(a.OverRetained.Count)} reads ({Format.N(a.OverRetained.Count(o => o.Holds.Count == 0))} without a hold)"),
            ("Training lapsed, access open", Format.N(a.TrainingLapses.Count)),
            ("Audit-log hash chain", a.Chain.Intact ? $"intact: {Format.N(a.Chain.Entries)} entries over {a.Chain.Days} UTC days" : $"BROKEN: {a.Chain.FirstBreak}"),
            ("Findings", Format.N(r.Findings.Count)),
        ]);

        pdf.Section("Findings");
        pdf.Table([new("kind", 1.4), new("subject", 1.2), new("detail", 4)], r.Findings.Select(f => (IReadOnlyList<string>)[f.Kind, f.Subject, f.Detail]));

        pdf.Section("Audit-log chain verification");
        pdf.Text(a.Chain.Intact
            ? $"Every UTC day's hash chain from {Format.Iso(r.PeriodStart)} to {Format.Iso(r.PeriodEnd)} verified: {Format.N(a.Chain.Entries)} entries, no gap, no edited entry."
            : $"The chain is broken at {a.Chain.FirstBreak}. Entries after that point cannot be shown to be unaltered.", PdfLayout.Body);

        pdf.Section("Data access by user (reason and case number)");
        pdf.Table([new("user", 1.4), new("role", 1), new("action", 1.5), new("reason", 1.5), new("case", 1), new("allowed", 0.7, true), new("refused", 0.7, true)],
            a.AccessByUser.SelectMany(u => u.Groups.Select(g => (IReadOnlyList<string>)[u.UserId, u.Role ?? "", g.Action, g.Reason ?? "", g.CaseNumber ?? "", Format.N(g.Allowed), Format.N(g.Refused)])));
        pdf.Text("Every entry (time, query, result count, client address) is in accesses.csv.", PdfLayout.Small, XBrushes.Gray);

        pdf.Section("Accesses flagged by the prohibited-use guards");
        pdf.Table([new("time", 1.1), new("user", 1.2), new("action", 1), new("case", 0.9), new("flags", 1.5), new("query", 2.3), new("results", 0.6, true)],
            a.Flagged.Select(f => (IReadOnlyList<string>)[L(f.At), f.UserId, f.Action, f.CaseNumber ?? "", string.Join(", ", f.Flags), f.Query ?? "", f.ResultCount?.ToString() ?? ""]));

        pdf.Section("Data-release requests");
        pdf.Table([new("filed", 1.1), new("request", 1.2), new("agency", 1.4), new("purpose", 1.2), new("case", 0.9), new("rule that fired", 1.5), new("outcome", 1), new("decided by", 1.1)],
            a.Releases.Requests.Select(x => (IReadOnlyList<string>)[L(x.FiledAt), x.Id, $"{x.Agency} ({x.AgencyType})", x.Purpose, x.CaseNumber, x.PolicyRule, x.Outcome, x.DecidedBy ?? ""]));

        pdf.Section("Evidence holds placed, reviewed, released");
        pdf.Table([new("hold", 1.5), new("case", 0.9), new("basis", 1), new("placed", 1.1), new("reads", 0.5, true), new("reviews", 0.6, true), new("released", 1.1), new("by / why", 1.6), new("state", 0.8)],
            a.Holds.Holds.Select(h => (IReadOnlyList<string>)[h.HoldId, h.CaseNumber, h.LegalBasis, (h.PlacedInQuarter ? "" : "before: ") + L(h.PlacedAt), h.Reads.ToString(),
                h.ReviewsInQuarter.ToString(), L(h.ReleasedAt), h.ReleasedBy is null ? "" : $"{h.ReleasedBy}: {h.ReleaseReason}", h.State]));

        pdf.Section("Purge runs and what they removed");
        pdf.Table([new("started", 1.1), new("run", 2), new("trigger", 1), new("status", 1.1), new("examined", 0.8, true), new("reads deleted", 0.8, true), new("blobs deleted", 0.8, true), new("held kept", 0.7, true), new("failed", 0.6, true)],
            a.PurgeRuns.Select(p => (IReadOnlyList<string>)[L(p.StartedAt), p.RunId, p.Trigger, p.Status, Format.N(p.Examined), Format.N(p.DeletedReads), Format.N(p.DeletedBlobs), Format.N(p.SkippedHeld), Format.N(p.Failed)]));

        pdf.Section("Data retained longer than two years (Palm Springs 430.9(e))");
        pdf.Table([new("read", 2.2), new("source", 0.7), new("captured", 1.1), new("age (days)", 0.7, true), new("explanation", 3)],
            a.OverRetained.Select(o => (IReadOnlyList<string>)[o.ReadId, o.Kind.ToString().ToLowerInvariant(), L(o.CapturedAt), o.AgeDays.ToString(),
                o.Holds.Count == 0 ? "NO HOLD — must be explained or purged" : "evidence hold: " + string.Join("; ", o.Holds.Select(h => $"{h.HoldId} case {h.CaseNumber} ({h.LegalBasis}, {h.State})"))]));

        pdf.Section("Users whose training lapsed while they had access");
        pdf.Table([new("user", 1.3), new("role", 1), new("training expired", 1), new("source", 0.8), new("detail", 2.6), new("allowed after", 0.7, true), new("refused after", 0.7, true)],
            a.TrainingLapses.Select(l => (IReadOnlyList<string>)[l.UserId, l.Role ?? "", l.TrainingExpiresOn is { } e ? Format.Day(e) : "never trained", l.Source, l.Detail,
                Format.N(l.AllowedAfterLapse), Format.N(l.RefusedAfterLapse)]));

        pdf.Section("Cases: analysis of use (San Leandro 418.6.1)");
        pdf.Text("Per case number referenced in the quarter. Confirmed hits count hits an operator confirmed on a plate searched under the case or on a read held for it; " +
            "whether a case was helped, and any community-safety issue addressed, is the auditor's written analysis.", PdfLayout.Small, XBrushes.Gray);
        pdf.Table([new("case", 1.2), new("accesses", 0.8, true), new("users", 0.6, true), new("searches", 0.8, true), new("images viewed", 0.8, true), new("holds", 0.6, true),
                new("reads held", 0.7, true), new("releases", 0.7, true), new("confirmed hits", 0.8, true)],
            a.Cases.Select(c => (IReadOnlyList<string>)[c.CaseNumber, Format.N(c.Accesses), Format.N(c.Users), Format.N(c.Searches), Format.N(c.ImagesViewed), Format.N(c.HoldsPlaced),
                Format.N(c.ReadsHeld), Format.N(c.Releases), Format.N(c.ConfirmedHits)]));

        var s = r.Sample;
        pdf.Section("Random review of images viewed or downloaded (San Leandro 418.6.1)");
        pdf.Text($"{s.Items.Count} of {s.CandidateCount} images drawn (at least {s.Requested} required). Algorithm: {s.Algorithm}; seed {s.Seed}; " +
            $"candidates SHA-256 {s.CandidatesSha256}. sample.json lists the candidates, so the draw can be repeated by anyone.", PdfLayout.Small);
        pdf.Text("Reviewer findings are entered through the API (POST /api/reports/{quarter}/sample/{item}/finding) and kept as separate, dated records; " +
            "this document itself never changes.", PdfLayout.Small, XBrushes.Gray);
        pdf.Table([new("#", 0.3, true), new("image", 2.2), new("viewed by (when, reason, case)", 3.2), new("reviewer finding", 1.6)],
            s.Items.Select(i => (IReadOnlyList<string>)[i.ItemId, i.Image + (i.Read is null ? "" : $"\nread {i.Read}"),
                string.Join("\n", i.Views.Select(v => $"{v.UserId} ({v.Role}) {L(v.At)}, {v.Reason}, {v.CaseNumber}")), "\n\n"]));
        return pdf.Finish();
    }
}
