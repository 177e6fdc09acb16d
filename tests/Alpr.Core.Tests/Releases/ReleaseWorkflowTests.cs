using System.Text.Json.Nodes;
using Alpr.Core.Releases;
using Alpr.Core.Workflows;

namespace Alpr.Core.Tests.Releases;

/// <summary>The release workflow's transitions, applied the way the engine applies them (pure, no storage).</summary>
public class ReleaseWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ReleaseWorkflow _wf = new(new ReleaseWorkflowSettings(TimeSpan.FromHours(72)));

    private static ReleaseFile File(PolicyOutcome outcome, params string[] approvers) => new(
        new ReleaseRequest
        {
            Agency = new RequestingAgency("Fresno PD", AgencyType.LocalLawEnforcement, "CA"),
            Person = new RequestingPerson("Det. Smith", "smith@fresno.example"), Purpose = ReleasePurpose.CriminalInvestigation,
            PurposeDetail = "robbery", CaseNumber = "24-1", Scope = new ReleaseScope(["ABC123"]), LegalBasis = new LegalBasis(LegalBasisKind.None),
            DeliveryContact = "x@y.example",
        }, "officer-1", T0, new PolicyDecision(outcome, "rule", "why"), approvers);

    private WorkflowInstance Start(ReleaseFile f, out IReadOnlyList<string> steps)
    {
        var d = _wf.Start("r1", ReleaseJson.ToNode(f), T0);
        steps = d.Steps;
        return d.Instance!;
    }

    private static ReleaseStatus Status(WorkflowInstance i) => ReleaseJson.From<ReleaseStatus>(i.CustomStatus)!;

    private static WorkflowEvent Answer(string name, string approver, string nonce) =>
        new(name, ReleaseJson.ToNode(new ApprovalAnswer(approver, nonce, "ok", "127.0.0.1")), approver);

    [Fact]
    public void Awaiting_approval_then_approved_runs_the_export_and_publishes()
    {
        var i = Start(File(PolicyOutcome.NeedsApproval, "captain-1", "chief-1"), out var steps);
        Assert.Equal(["publish:Requested"], steps);
        Assert.Equal("awaiting-approval", i.State);
        Assert.Equal(T0.AddHours(72), i.DueAt);
        var s = Status(i);
        Assert.Equal("captain-1", s.ApproverId);

        var d = _wf.On(i, Answer("approve", "captain-1", s.Nonce!), T0.AddHours(1));
        Assert.Equal("fulfilling", d.Instance!.State);
        Assert.Equal(["publish:Approved", "export"], d.Steps);
        Assert.Null(Status(d.Instance).Nonce); // consumed
        Assert.Null(d.Instance.DueAt);

        var done = _wf.On(d.Instance, new WorkflowEvent("step:export", new JsonObject { ["files"] = 3 }, "step"), T0.AddHours(2));
        Assert.Equal(WorkflowRuntimeStatus.Completed, done.Instance!.RuntimeStatus);
        Assert.Equal("fulfilled", done.Instance.State);
        Assert.Equal(["publish:Fulfilled"], done.Steps);
    }

    [Fact]
    public void A_replayed_or_stale_link_and_the_wrong_approver_are_refused()
    {
        var i = Start(File(PolicyOutcome.NeedsApproval, "captain-1", "chief-1"), out _);
        string nonce = Status(i).Nonce!;
        Assert.NotNull(_wf.On(i, Answer("approve", "captain-1", "other-nonce"), T0).Refusal);
        Assert.NotNull(_wf.On(i, Answer("approve", "chief-1", nonce), T0).Refusal); // not assigned to chief yet
        Assert.NotNull(_wf.On(i, new WorkflowEvent("approve", ReleaseJson.ToNode(new ApprovalAnswer("captain-1", nonce, null, null)), "chief-1"), T0).Refusal);
        var approved = _wf.On(i, Answer("approve", "captain-1", nonce), T0).Instance!;
        Assert.NotNull(_wf.On(approved, Answer("approve", "captain-1", nonce), T0).Refusal); // replay
    }

    [Fact]
    public void The_requester_can_never_decide_their_own_request()
    {
        // Even if configuration listed the requester as an approver, the rule refuses them.
        var i = Start(File(PolicyOutcome.NeedsApproval, "officer-1"), out _);
        Assert.Equal("a requester may not decide their own request", _wf.On(i, Answer("approve", "officer-1", Status(i).Nonce!), T0).Refusal);
    }

    [Fact]
    public void No_answer_escalates_once_then_expires_and_the_first_link_dies()
    {
        var i = Start(File(PolicyOutcome.NeedsApproval, "captain-1", "chief-1"), out _);
        string firstNonce = Status(i).Nonce!;
        var escalated = _wf.On(i, new WorkflowEvent(WorkflowEvent.Timeout, null, "timer"), T0.AddHours(72)).Instance!;
        Assert.Equal("chief-1", Status(escalated).ApproverId);
        Assert.Equal(T0.AddHours(144), escalated.DueAt);
        Assert.NotEqual(firstNonce, Status(escalated).Nonce);
        Assert.NotNull(_wf.On(escalated, Answer("approve", "captain-1", firstNonce), T0.AddHours(73)).Refusal);

        var expired = _wf.On(escalated, new WorkflowEvent(WorkflowEvent.Timeout, null, "timer"), T0.AddHours(144));
        Assert.Equal("expired", expired.Instance!.State);
        Assert.Equal(WorkflowRuntimeStatus.Completed, expired.Instance.RuntimeStatus);
        Assert.Equal(["publish:Expired"], expired.Steps);
    }

    [Fact]
    public void An_answer_after_the_window_is_refused_even_before_the_timer_fires() =>
        Assert.Equal("the approval window has closed",
            _wf.On(Start(File(PolicyOutcome.NeedsApproval, "captain-1"), out _) is var i ? i : null!, Answer("approve", "captain-1", Status(i).Nonce!), T0.AddHours(72)).Refusal);

    [Theory]
    [InlineData(PolicyOutcome.Denied, "denied")]
    [InlineData(PolicyOutcome.PublicRecords, "routed-to-public-records")]
    public void Policy_refusals_end_at_once_and_never_reach_a_person(PolicyOutcome outcome, string state)
    {
        var i = Start(File(outcome, "captain-1"), out var steps);
        Assert.Equal(state, i.State);
        Assert.Equal(WorkflowRuntimeStatus.Completed, i.RuntimeStatus);
        Assert.Equal(["publish:Requested", "publish:Denied"], steps);
        Assert.Null(Status(i).ApproverId);
    }

    [Fact]
    public void An_mou_pre_approval_goes_straight_to_export_recording_the_rule()
    {
        var i = Start(File(PolicyOutcome.PreApproved), out var steps);
        Assert.Equal("fulfilling", i.State);
        Assert.Equal(["publish:Requested", "publish:Approved", "export"], steps);
        Assert.Equal("policy:rule", Status(i).Decision!.By);
    }

    [Fact]
    public void With_no_eligible_approver_the_request_fails_closed_instead_of_waiting_for_nobody()
    {
        var i = Start(File(PolicyOutcome.NeedsApproval), out var steps);
        Assert.Equal(WorkflowRuntimeStatus.Failed, i.RuntimeStatus);
        Assert.Equal("no-approver", i.State);
        Assert.Equal(["publish:Requested"], steps);
    }
}
