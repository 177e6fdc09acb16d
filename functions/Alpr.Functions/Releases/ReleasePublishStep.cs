using System.Text.Json.Nodes;
using Alpr.Core.Events;
using Alpr.Core.Releases;
using Alpr.Core.Workflows;

namespace Alpr.Functions.Releases;

/// <summary>
/// "publish:{Type}" steps: the release's Event Grid event. The event id is fixed per request and type, so a
/// re-run publishes the same id (subscribers de-duplicate). No plates or person details in the event.
/// </summary>
public sealed class ReleasePublishStep(string type, IEventPublisher publisher, TimeProvider time) : IWorkflowStepHandler
{
    public static readonly string[] Types = ["Requested", "Approved", "Denied", "Expired", "Fulfilled"];
    public string Workflow => ReleaseWorkflow.WorkflowName;
    public string Step => ReleaseWorkflow.Publish(type);

    public async Task<JsonNode?> RunAsync(WorkflowInstance instance, CancellationToken ct)
    {
        var file = ReleaseJson.From<ReleaseFile>(instance.Input)!;
        var data = new
        {
            requestId = instance.Id, state = instance.State, agency = file.Request.Agency.Name, agencyType = file.Request.Agency.Type.ToString(),
            caseNumber = file.Request.CaseNumber, policyRule = file.Policy.Rule,
        };
        await publisher.PublishAsync([new AlprEvent($"{instance.Id}-{type}", "Alpr.Release." + type, $"/releases/{instance.Id}", time.GetUtcNow(), data)], ct);
        return null;
    }
}
