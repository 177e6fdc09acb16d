using System.Text.Json;
using System.Text.Json.Nodes;
using Alpr.Core.Workflows;

namespace Alpr.Core.Retention.Holds;

/// <summary>Settings the hold workflow's rules need (section "Retention").</summary>
public sealed record EvidenceHoldSettings(TimeSpan ReviewInterval);

/// <summary>
/// The evidence hold as a pure state machine on the shared workflow runtime. Placing runs mark-held (protect
/// first), copy-evidence, schedule-review (sets the review timeout) and notify-owner, one step after another;
/// then the hold is active and waits for either the "release" event or its review timeout, which re-notifies
/// the case owner (notify-review) and schedules the next review. Release runs unmark, purge-expired (what is
/// already past retention goes at once) and notify-released, and the instance completes. Each step's handler
/// does the I/O and writes the audit entry; this class only decides.
/// </summary>
public sealed class EvidenceHoldWorkflow(EvidenceHoldSettings settings) : IWorkflowDefinition
{
    public const string WorkflowName = "evidence-hold";
    public const string ReleaseEvent = "release";
    public const string Placing = "placing", Active = "active", Releasing = "releasing", Released = "released";
    public string Name => WorkflowName;

    public static string StepName(HoldStep step) => JsonNamingPolicy.KebabCaseLower.ConvertName(step.ToString());

    public static HoldStep? StepOf(string name) =>
        Enum.GetValues<HoldStep>().Where(s => s != HoldStep.Done).Cast<HoldStep?>().FirstOrDefault(s => StepName(s!.Value) == name);

    /// <summary>History types this workflow writes (the hold's own events, shown by the hold view).</summary>
    public static readonly IReadOnlySet<string> HoldEvents = new HashSet<string>(
        Enum.GetValues<HoldStep>().Where(s => s is not (HoldStep.Done or HoldStep.NotifyReview or HoldStep.NotifyReleased)).Select(StepName)
            .Concat(["placed", "review-due", "release-requested"]), StringComparer.Ordinal);

    public WorkflowDecision Start(string id, JsonNode? input, DateTimeOffset now)
    {
        var file = WorkflowJson.From<HoldFile>(input) ?? throw new ArgumentException("evidence-hold workflow needs a HoldFile input");
        var i = new WorkflowInstance
        {
            Id = id, Name = Name, State = Placing, Input = input, RuntimeStatus = WorkflowRuntimeStatus.Running,
            CustomStatus = WorkflowJson.ToNode(new HoldStatus()),
        }.WithHistory(now, "placed", $"{file.Reads.Count} reads by {file.PlacedBy}; case {file.CaseNumber} ({file.LegalBasis}), owner {file.CaseOwner}");
        return WorkflowDecision.To(i, StepName(HoldStep.MarkHeld));
    }

    public WorkflowDecision On(WorkflowInstance i, WorkflowEvent e, DateTimeOffset now)
    {
        var status = WorkflowJson.From<HoldStatus>(i.CustomStatus) ?? new HoldStatus();
        HoldStep? completed = e.Name.StartsWith("step:", StringComparison.Ordinal) ? StepOf(e.Name[5..]) : null;
        string? detail = (string?)e.Payload?["detail"];
        switch (i.State, completed, e.Name)
        {
            case (Placing, HoldStep.MarkHeld, _):
                return Next(i, now, HoldStep.MarkHeld, detail, HoldStep.CopyEvidence);
            case (Placing, HoldStep.CopyEvidence, _):
                if (WorkflowJson.From<EvidenceCopied>(e.Payload) is not { ManifestBlob: not null, ManifestSha256: not null } copied) return WorkflowDecision.Refuse("copy-evidence completed without its manifest");
                i = With(i, status with { ManifestBlob = copied.ManifestBlob, ManifestSha256 = copied.ManifestSha256, Missing = copied.Missing });
                return Next(i, now, HoldStep.CopyEvidence, detail, HoldStep.ScheduleReview);
            case (Placing, HoldStep.ScheduleReview, _):
                var due = now + settings.ReviewInterval;
                i = With(i with { DueAt = due }, status with { NextReviewAt = due });
                return Next(i, now, HoldStep.ScheduleReview, $"review due {due:O}", HoldStep.NotifyOwner);
            case (Placing, HoldStep.NotifyOwner, _):
                return WorkflowDecision.To((i with { State = Active }).WithHistory(now, StepName(HoldStep.NotifyOwner), detail));

            case (Placing or Active, null, WorkflowEvent.Timeout):
                // Cadence from the due date, not from when the timer ran, so a late timer does not shift later reviews.
                var next = (i.DueAt ?? now) + settings.ReviewInterval;
                i = With(i with { DueAt = next }, status with { NextReviewAt = next, Reviews = status.Reviews + 1 });
                return WorkflowDecision.To(i.WithHistory(now, "review-due", $"review {status.Reviews + 1}: case owner asked to confirm or release; next review {next:O}"),
                    StepName(HoldStep.NotifyReview));
            case (_, HoldStep.NotifyReview, _):
                return WorkflowDecision.To(i); // the notification changes nothing

            case (Active, null, ReleaseEvent):
                string? reason = WorkflowJson.From<HoldRelease>(e.Payload)?.Reason?.Trim();
                if (string.IsNullOrEmpty(reason) || reason.Length > 500) return WorkflowDecision.Refuse("a release needs a reason (at most 500 characters)");
                i = With(i with { State = Releasing, DueAt = null }, status with { NextReviewAt = null, ReleasedBy = e.Actor, ReleaseReason = reason });
                return WorkflowDecision.To(i.WithHistory(now, "release-requested", $"by {e.Actor}: {reason}"), StepName(HoldStep.Unmark));
            case (Placing, null, ReleaseEvent):
                return WorkflowDecision.Refuse("the hold is still being placed; it can be released once it is active");
            case (Releasing, HoldStep.Unmark, _):
                return Next(i, now, HoldStep.Unmark, detail, HoldStep.PurgeExpired);
            case (Releasing, HoldStep.PurgeExpired, _):
                var ended = i with
                {
                    State = Released, RuntimeStatus = WorkflowRuntimeStatus.Completed, DueAt = null,
                    Output = new JsonObject { ["result"] = Released, ["purge"] = e.Payload?.DeepClone() },
                };
                return WorkflowDecision.To(ended.WithHistory(now, StepName(HoldStep.PurgeExpired), detail), StepName(HoldStep.NotifyReleased));
            default:
                return WorkflowDecision.Refuse($"'{e.Name}' does not apply while the hold is {i.State}");
        }
    }

    private static WorkflowDecision Next(WorkflowInstance i, DateTimeOffset now, HoldStep done, string? detail, HoldStep next) =>
        WorkflowDecision.To(i.WithHistory(now, StepName(done), detail), StepName(next));

    private static WorkflowInstance With(WorkflowInstance i, HoldStatus s) => i with { CustomStatus = WorkflowJson.ToNode(s) };
}
