using Alpr.Core.Workflows;

namespace Alpr.Core.Retention.Holds;

/// <summary>Reads a hold out of its workflow instance: the placed file, the status the steps filled in, and the hold's own history.</summary>
public static class EvidenceHoldView
{
    public static EvidenceHold From(WorkflowInstance i)
    {
        var file = WorkflowJson.From<HoldFile>(i.Input) ?? throw new InvalidOperationException($"{i.Id} is not an evidence hold");
        var status = WorkflowJson.From<HoldStatus>(i.CustomStatus) ?? new HoldStatus();
        return new EvidenceHold
        {
            HoldId = i.Id, CaseNumber = file.CaseNumber, LegalBasis = file.LegalBasis, Reads = file.Reads, PlacedBy = file.PlacedBy,
            CaseOwner = file.CaseOwner, CreatedAt = file.PlacedAt, State = StateOf(i.State),
            NextStep = i.PendingSteps.Select(EvidenceHoldWorkflow.StepOf).FirstOrDefault(s => s is not null) ?? HoldStep.Done,
            NextReviewAt = status.NextReviewAt, ManifestBlob = status.ManifestBlob, ManifestSha256 = status.ManifestSha256,
            MissingEvidence = status.Missing, ReleasedBy = status.ReleasedBy, ReleaseReason = status.ReleaseReason,
            RuntimeStatus = i.RuntimeStatus.ToString(),
            History = i.History
                .Where(h => EvidenceHoldWorkflow.HoldEvents.Contains(h.Type) || h.Type == "StepFailed")
                .Select(h => new HoldHistoryEntry(h.At, h.Type == "StepFailed" ? "step-failed" : h.Type, h.Detail)).ToList(),
        };
    }

    public static HoldState StateOf(string state) => state switch
    {
        EvidenceHoldWorkflow.Active => HoldState.Active,
        EvidenceHoldWorkflow.Releasing => HoldState.Releasing,
        EvidenceHoldWorkflow.Released => HoldState.Released,
        _ => HoldState.Placing,
    };
}
