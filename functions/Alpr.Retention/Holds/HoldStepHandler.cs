using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;

namespace Alpr.Retention.Holds;

/// <summary>
/// One step of the evidence-hold workflow, run from the shared step queue. Every step writes a system audit
/// entry ("hold.{step}") after its work and before its completion is recorded, so a step is never done
/// unaudited; a step re-run after a crash audits again (at least once). The payload's "detail" becomes the
/// step's history line.
/// </summary>
public abstract class HoldStepHandler(IAuditLog audit, TimeProvider time) : IWorkflowStepHandler
{
    public string Workflow => EvidenceHoldWorkflow.WorkflowName;
    public string Step => EvidenceHoldWorkflow.StepName(Kind);
    protected abstract HoldStep Kind { get; }
    protected virtual string AuditAction => "hold." + Step;
    protected TimeProvider Time => time;

    /// <returns>The line for history and audit, and any further payload for the workflow.</returns>
    protected abstract Task<(string Detail, JsonObject? Payload)> DoAsync(WorkflowInstance instance, HoldFile file, CancellationToken ct);

    public async Task<JsonNode?> RunAsync(WorkflowInstance instance, CancellationToken ct)
    {
        var file = WorkflowJson.From<HoldFile>(instance.Input) ?? throw new InvalidOperationException($"{instance.Id} has no hold file");
        var (detail, payload) = await DoAsync(instance, file, ct);
        payload ??= new JsonObject();
        payload["detail"] = detail;
        await audit.AppendAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7().ToString("N"), At = time.GetUtcNow(), ActorType = "system", ActorId = "evidence-hold-workflow",
            Action = AuditAction, Outcome = AuditOutcome.Allowed, Target = instance.Id, CaseNumber = file.CaseNumber, ResultCount = file.Reads.Count, Detail = detail,
        }, ct);
        return payload;
    }
}
