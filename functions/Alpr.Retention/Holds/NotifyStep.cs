using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Core.Events;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;

namespace Alpr.Retention.Holds;

/// <summary>
/// notify-owner, notify-review, notify-released: the case owner's notification as an Event Grid event. The id
/// is fixed per hold, type and review, so a re-run publishes the same id (subscribers de-duplicate). The
/// placed notification names any evidence that could not be copied. No plate data in the event.
/// </summary>
public sealed class NotifyStep(HoldStep kind, IEventPublisher events, IAuditLog audit, TimeProvider time) : HoldStepHandler(audit, time)
{
    public static readonly HoldStep[] Kinds = [HoldStep.NotifyOwner, HoldStep.NotifyReview, HoldStep.NotifyReleased];
    protected override HoldStep Kind => kind;
    protected override string AuditAction => kind == HoldStep.NotifyReview ? "hold.review-due" : base.AuditAction;

    protected override async Task<(string, JsonObject?)> DoAsync(WorkflowInstance instance, HoldFile file, CancellationToken ct)
    {
        var status = WorkflowJson.From<HoldStatus>(instance.CustomStatus) ?? new HoldStatus();
        var (type, id) = kind switch
        {
            HoldStep.NotifyOwner => (HoldEventTypes.Placed, $"{instance.Id}-placed"),
            HoldStep.NotifyReview => (HoldEventTypes.ReviewDue, $"{instance.Id}-review-{status.Reviews}"),
            _ => (HoldEventTypes.Released, $"{instance.Id}-released"),
        };
        var data = new
        {
            holdId = instance.Id, caseNumber = file.CaseNumber, caseOwner = file.CaseOwner, legalBasis = file.LegalBasis.ToString(),
            state = instance.State, reads = file.Reads.Count, nextReviewAt = status.NextReviewAt, manifestSha256 = status.ManifestSha256,
            missingEvidence = status.Missing.Select(m => new { m.ReadId, m.Source, m.Reason }).ToList(),
        };
        await events.PublishAsync([new AlprEvent(id, type, $"holds/{instance.Id}", Time.GetUtcNow(), data)], ct);
        string missing = status.Missing.Count > 0 ? $", told of {status.Missing.Count} missing evidence file(s)" : "";
        return ($"case owner {file.CaseOwner} notified ({type}){missing}", null);
    }
}
