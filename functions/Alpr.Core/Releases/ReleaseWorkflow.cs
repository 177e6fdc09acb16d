using System.Text.Json.Nodes;
using Alpr.Core.Workflows;

namespace Alpr.Core.Releases;

/// <summary>Settings the release workflow's rules need (section "Releases").</summary>
public sealed record ReleaseWorkflowSettings(TimeSpan ApprovalWindow);

/// <summary>
/// Data-release requests as a pure state machine. Policy-refused requests end at once; MOU pre-approvals go
/// straight to fulfilment; others wait for the current approver's answer, raised by the approval page with the
/// link's nonce. No answer in the window: escalate once to the next approver (new nonce, so the first link dies),
/// then expire. Approval runs the "export" step; every change publishes its event through a "publish:" step.
/// </summary>
public sealed class ReleaseWorkflow(ReleaseWorkflowSettings settings) : IWorkflowDefinition
{
    public const string WorkflowName = "release";
    public const string Approve = "approve", Deny = "deny", Export = "export";
    public static string Publish(string type) => "publish:" + type;
    public string Name => WorkflowName;

    public WorkflowDecision Start(string id, JsonNode? input, DateTimeOffset now)
    {
        var file = ReleaseJson.From<ReleaseFile>(input) ?? throw new ArgumentException("release workflow needs a ReleaseFile input");
        var i = new WorkflowInstance { Id = id, Name = Name, State = "filed", Input = input, RuntimeStatus = WorkflowRuntimeStatus.Running }
            .WithHistory(now, "PolicyChecked", $"{file.Policy.Outcome}: {file.Policy.Rule}");
        string requested = Publish("Requested");
        switch (file.Policy.Outcome)
        {
            case PolicyOutcome.PublicRecords or PolicyOutcome.Denied:
                string state = file.Policy.Outcome == PolicyOutcome.Denied ? "denied" : "routed-to-public-records";
                return WorkflowDecision.To(Status(End(i, state, null), new ReleaseStatus
                {
                    Phase = state, Decision = new ReleaseDecision(state, "policy:" + file.Policy.Rule, file.Policy.Explanation, now, null),
                }), requested, Publish("Denied"));
            case PolicyOutcome.PreApproved:
                return WorkflowDecision.To(Status(i with { State = "fulfilling" }, new ReleaseStatus
                {
                    Phase = "fulfilling",
                    Decision = new ReleaseDecision("pre-approved", "policy:" + file.Policy.Rule, file.Policy.Explanation, now, null),
                }), requested, Publish("Approved"), Export);
        }
        if (file.Approvers.Count == 0)
            return WorkflowDecision.To(i with { State = "no-approver", RuntimeStatus = WorkflowRuntimeStatus.Failed, Output = new JsonObject { ["error"] = "no eligible approver is configured" } }, requested);
        return WorkflowDecision.To(AskApprover(i, file, 0, now), requested);
    }

    public WorkflowDecision On(WorkflowInstance i, WorkflowEvent e, DateTimeOffset now)
    {
        var file = ReleaseJson.From<ReleaseFile>(i.Input)!;
        var status = ReleaseJson.From<ReleaseStatus>(i.CustomStatus);
        switch (i.State, e.Name)
        {
            case ("awaiting-approval", Approve or Deny):
                var answer = ReleaseJson.From<ApprovalAnswer>(e.Payload);
                if (answer is null || answer.ApproverId != e.Actor) return WorkflowDecision.Refuse("the answer must come from the link's approver");
                if (answer.ApproverId == file.RequesterId) return WorkflowDecision.Refuse("a requester may not decide their own request");
                if (answer.ApproverId != status!.ApproverId) return WorkflowDecision.Refuse("this request is no longer assigned to you");
                if (answer.Nonce != status.Nonce) return WorkflowDecision.Refuse("this link was already used or replaced");
                if (now >= status.LinkExpiresAt) return WorkflowDecision.Refuse("the approval window has closed");
                var decision = new ReleaseDecision(e.Name == Approve ? "approved" : "denied", answer.ApproverId, answer.Comment, now, answer.ClientAddress);
                // The nonce is cleared in the same ETag-guarded write: the link cannot be used again.
                var decided = status with { Phase = decision.Outcome, Nonce = null, LinkExpiresAt = null, Decision = decision };
                return e.Name == Approve
                    ? WorkflowDecision.To(Status(i with { State = "fulfilling", DueAt = null }, decided), Publish("Approved"), Export)
                    : WorkflowDecision.To(Status(End(i, "denied", null), decided), Publish("Denied"));

            case ("awaiting-approval", WorkflowEvent.Timeout):
                if (status!.ApproverLevel + 1 < file.Approvers.Count && status.ApproverLevel == 0)
                    return WorkflowDecision.To(AskApprover(i.WithHistory(now, "Escalated", $"{status.ApproverId} did not answer"), file, 1, now));
                return WorkflowDecision.To(Status(End(i, "expired", null), status with { Phase = "expired", Nonce = null, LinkExpiresAt = null }), Publish("Expired"));

            case ("fulfilling", "step:" + Export):
                return WorkflowDecision.To(Status(End(i, "fulfilled", e.Payload?.DeepClone()), status! with { Phase = "fulfilled" }), Publish("Fulfilled"));

            default:
                if (e.Name.StartsWith("step:publish:", StringComparison.Ordinal)) return WorkflowDecision.To(i); // notifications change nothing
                return WorkflowDecision.Refuse($"'{e.Name}' does not apply while the request is {i.State}");
        }
    }

    private WorkflowInstance AskApprover(WorkflowInstance i, ReleaseFile file, int level, DateTimeOffset now)
    {
        var due = now + settings.ApprovalWindow;
        // Nonce from the history position: unique per asking; unguessability is not needed, the link is HMAC-signed.
        return Status(i with { State = "awaiting-approval", DueAt = due }, new ReleaseStatus
        {
            Phase = "awaiting-approval", ApproverId = file.Approvers[level], ApproverLevel = level,
            Nonce = $"n{i.History.Count}-{level}", LinkExpiresAt = due,
        });
    }

    private static WorkflowInstance End(WorkflowInstance i, string state, JsonNode? output) =>
        i with { State = state, RuntimeStatus = WorkflowRuntimeStatus.Completed, DueAt = null, Output = output ?? new JsonObject { ["result"] = state } };

    private static WorkflowInstance Status(WorkflowInstance i, ReleaseStatus s) => i with { CustomStatus = ReleaseJson.ToNode(s) };
}
