using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Alpr.Retention.Holds;

/// <summary>
/// schedule-review: the workflow sets the review timeout when this completes (WorkflowTimeouts fires it); the
/// step itself only puts the schedule on the audit trail, as every step must be.
/// </summary>
public sealed class ScheduleReviewStep(IOptions<RetentionOptions> options, IAuditLog audit, TimeProvider time) : HoldStepHandler(audit, time)
{
    protected override HoldStep Kind => HoldStep.ScheduleReview;

    protected override Task<(string, JsonObject?)> DoAsync(WorkflowInstance instance, HoldFile file, CancellationToken ct) =>
        Task.FromResult(($"review every {options.Value.HoldReviewInterval.TotalDays:0} days, case owner {file.CaseOwner}", (JsonObject?)null));
}
