using System.Text.Json.Nodes;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;

namespace Alpr.Core.Tests.Retention;

/// <summary>The evidence hold's transitions, applied as the engine applies them (pure, no storage).</summary>
public class EvidenceHoldWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EvidenceHoldWorkflow _wf = new(new EvidenceHoldSettings(TimeSpan.FromDays(90)));

    private static readonly HoldFile File = new("26-000123", LegalBasis.CourtOrder,
        [new HeldReadRef("r1", "2026-01-01"), new HeldReadRef("r2", "2026-01-02")], "sgt-1", "det-9", T0);

    /// <summary>What the engine does with a decision: apply it, or throw on a refusal the test did not expect.</summary>
    private static (WorkflowInstance, IReadOnlyList<string>) Apply(WorkflowDecision d)
    {
        Assert.True(d.Instance is not null, d.Refusal);
        return (d.Instance!, d.Steps);
    }

    private (WorkflowInstance, IReadOnlyList<string>) Complete(WorkflowInstance i, string step, DateTimeOffset at, JsonNode? payload = null) =>
        Apply(_wf.On(i, new WorkflowEvent(WorkflowEvent.StepCompleted(step), payload ?? new JsonObject { ["detail"] = step + " done" }, "step"), at));

    private static JsonNode Copied(params MissingEvidence[] missing)
    {
        var payload = WorkflowJson.ToNode(new EvidenceCopied("h1/manifest.json", "abc123", 6, missing))!.AsObject();
        payload["detail"] = "copied";
        return payload;
    }

    private WorkflowInstance Active(out DateTimeOffset placedAt)
    {
        var (i, steps) = Apply(_wf.Start("h1", WorkflowJson.ToNode(File), T0));
        Assert.Equal(["mark-held"], steps);
        (i, steps) = Complete(i, "mark-held", T0);
        Assert.Equal(["copy-evidence"], steps);
        (i, steps) = Complete(i, "copy-evidence", T0, Copied());
        Assert.Equal(["schedule-review"], steps);
        (i, steps) = Complete(i, "schedule-review", T0.AddMinutes(1));
        Assert.Equal(["notify-owner"], steps);
        (i, steps) = Complete(i, "notify-owner", T0.AddMinutes(1));
        Assert.Empty(steps);
        placedAt = T0.AddMinutes(1);
        return i;
    }

    [Fact]
    public void Placing_runs_the_four_steps_in_order_then_waits_active_with_the_review_due_in_90_days()
    {
        var i = Active(out var scheduledAt);
        Assert.Equal(EvidenceHoldWorkflow.Active, i.State);
        Assert.Equal(WorkflowRuntimeStatus.Running, i.RuntimeStatus);
        Assert.Equal(scheduledAt.AddDays(90), i.DueAt);

        var view = EvidenceHoldView.From(i);
        Assert.Equal(HoldState.Active, view.State);
        Assert.Equal(HoldStep.Done, view.NextStep);
        Assert.Equal(scheduledAt.AddDays(90), view.NextReviewAt);
        Assert.Equal("abc123", view.ManifestSha256);
        Assert.Equal(["placed", "mark-held", "copy-evidence", "schedule-review", "notify-owner"], view.History.Select(h => h.Event));
        Assert.Equal("mark-held done", view.History[1].Detail);
    }

    [Fact]
    public void A_step_completion_out_of_order_is_refused()
    {
        var (i, _) = Apply(_wf.Start("h1", WorkflowJson.ToNode(File), T0));
        Assert.NotNull(_wf.On(i, new WorkflowEvent("step:unmark"), T0).Refusal);
        Assert.NotNull(_wf.On(i, new WorkflowEvent("step:copy-evidence", new JsonObject()), T0).Refusal); // no manifest in the payload
    }

    [Fact]
    public void Release_is_refused_while_placing_and_without_a_reason()
    {
        var (placing, _) = Apply(_wf.Start("h1", WorkflowJson.ToNode(File), T0));
        Assert.Contains("still being placed", _wf.On(placing, Release("closed"), T0).Refusal);
        var active = Active(out _);
        Assert.NotNull(_wf.On(active, Release(null), T0).Refusal);
        Assert.NotNull(_wf.On(active, Release(new string('x', 501)), T0).Refusal);
    }

    private static WorkflowEvent Release(string? reason) => new(EvidenceHoldWorkflow.ReleaseEvent, WorkflowJson.ToNode(new HoldRelease(reason)), "lt-1");

    [Fact]
    public void Release_unmarks_then_purges_then_completes_with_a_final_notification()
    {
        var (i, steps) = Apply(_wf.On(Active(out _), Release("case closed"), T0.AddDays(10)));
        Assert.Equal(["unmark"], steps);
        Assert.Equal(EvidenceHoldWorkflow.Releasing, i.State);
        Assert.Null(i.DueAt); // no more reviews
        Assert.Equal("lt-1", EvidenceHoldView.From(i).ReleasedBy);
        Assert.Contains(EvidenceHoldView.From(i).History, h => h.Event == "release-requested" && h.Detail == "by lt-1: case closed");
        (i, steps) = Complete(i, "unmark", T0.AddDays(10));
        Assert.Equal(["purge-expired"], steps);
        (i, steps) = Complete(i, "purge-expired", T0.AddDays(10), new JsonObject { ["detail"] = "1 deleted", ["deletedReads"] = 1 });
        Assert.Equal(["notify-released"], steps);
        Assert.Equal(EvidenceHoldWorkflow.Released, i.State);
        Assert.Equal(WorkflowRuntimeStatus.Completed, i.RuntimeStatus);
        Assert.Equal(1, (int)i.Output!["purge"]!["deletedReads"]!);
        Assert.NotNull(_wf.On(i, Release("again"), T0.AddDays(11)).Refusal);
    }

    [Fact]
    public void Each_review_timeout_re_notifies_and_keeps_the_90_day_cadence_from_the_due_date()
    {
        var i = Active(out var scheduledAt);
        var firstDue = i.DueAt!.Value;
        // The timer ran two days late: the next review is still 90 days after the first due date.
        var (after, steps) = Apply(_wf.On(i, new WorkflowEvent(WorkflowEvent.Timeout, null, "timer"), firstDue.AddDays(2)));
        Assert.Equal(["notify-review"], steps);
        Assert.Equal(firstDue.AddDays(90), after.DueAt);
        Assert.Equal(EvidenceHoldWorkflow.Active, after.State);
        var view = EvidenceHoldView.From(after);
        Assert.Equal(firstDue.AddDays(90), view.NextReviewAt);
        Assert.Single(view.History, h => h.Event == "review-due");
        Assert.Equal(1, WorkflowJson.From<HoldStatus>(after.CustomStatus)!.Reviews);
        // The notification's completion changes nothing.
        var (notified, none) = Complete(after, "notify-review", firstDue.AddDays(2));
        Assert.Empty(none);
        Assert.Equal(after.DueAt, notified.DueAt);
        Assert.Equal(scheduledAt.AddDays(180), notified.DueAt);
    }

    [Fact]
    public void Missing_evidence_reported_by_the_copy_is_kept_on_the_hold()
    {
        var (i, _) = Apply(_wf.Start("h1", WorkflowJson.ToNode(File), T0));
        (i, _) = Complete(i, "mark-held", T0);
        (i, _) = Complete(i, "copy-evidence", T0, Copied(new MissingEvidence("r2", "captures/c/x.jpg", "source blob not found")));
        var view = EvidenceHoldView.From(i);
        Assert.Equal("captures/c/x.jpg", Assert.Single(view.MissingEvidence).Source);
        Assert.Equal(HoldStep.ScheduleReview, EvidenceHoldView.From(i with { PendingSteps = ["schedule-review"] }).NextStep);
    }
}
