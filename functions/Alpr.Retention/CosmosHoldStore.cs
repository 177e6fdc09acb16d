using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;
using Alpr.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Alpr.Retention;

/// <summary>
/// Evidence holds as read models of their workflow instances (the "workflows" container, workflow
/// "evidence-hold"): the instance is the record; this maps it to <see cref="EvidenceHold"/> for the API, the
/// over-retention report and the quarterly reports. Changes go through the workflow engine only.
/// </summary>
public sealed class CosmosHoldStore(CosmosDatabase db)
{
    private readonly CosmosWorkflowStore _workflows = new(db);
    private readonly DocumentStore _documents = new(db.Container(CosmosContainers.Workflows), CosmosWorkflowStore.DocType);

    /// <summary>The hold, or null if no evidence-hold workflow has this id.</summary>
    public async Task<EvidenceHold?> GetAsync(string holdId, CancellationToken ct)
    {
        var stored = await _workflows.ReadAsync(holdId, ct);
        return stored?.Instance.Name == EvidenceHoldWorkflow.WorkflowName ? EvidenceHoldView.From(stored.Instance) : null;
    }

    public async Task<IReadOnlyList<EvidenceHold>> AllAsync(CancellationToken ct)
    {
        var q = new QueryDefinition("SELECT * FROM c WHERE c.docType = @t AND c.name = @n")
            .WithParameter("@t", CosmosWorkflowStore.DocType).WithParameter("@n", EvidenceHoldWorkflow.WorkflowName);
        return (await _documents.QueryAsync<WorkflowInstance>(q, ct: ct)).Select(EvidenceHoldView.From).ToList();
    }
}
