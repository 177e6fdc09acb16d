using Alpr.Core.Releases;
using Alpr.Core.Workflows;

namespace Alpr.Core.Reports;

/// <summary>A data-release request as the audit report shows it: what was asked, the rule that fired, how it ended.</summary>
public sealed record ReleaseFact(
    string Id, DateTimeOffset FiledAt, string RequesterId, string Agency, string AgencyType, string Purpose, string CaseNumber,
    string PolicyOutcome, string PolicyRule, string Outcome, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public const string Approved = "approved", PreApproved = "pre-approved", Denied = "denied", DeniedByPolicy = "denied-by-policy",
        PublicRecords = "public-records", Expired = "expired", Pending = "pending", Failed = "failed";

    /// <summary>Reads a "release" workflow instance (its input is the request on file, its status the decision).</summary>
    public static ReleaseFact? From(WorkflowInstance instance)
    {
        if (instance.Name != ReleaseWorkflow.WorkflowName || ReleaseJson.From<ReleaseFile>(instance.Input) is not { } file) return null;
        var decision = ReleaseJson.From<ReleaseStatus>(instance.CustomStatus)?.Decision;
        string outcome = instance.State switch
        {
            "denied" => decision?.By.StartsWith("policy:", StringComparison.Ordinal) == true ? DeniedByPolicy : Denied,
            "routed-to-public-records" => PublicRecords,
            "fulfilling" or "fulfilled" => decision?.Outcome == PreApproved ? PreApproved : Approved,
            "expired" => Expired,
            "no-approver" => Failed,
            _ => instance.RuntimeStatus == WorkflowRuntimeStatus.Failed ? Failed : Pending,
        };
        var r = file.Request;
        return new ReleaseFact(instance.Id, file.FiledAt, file.RequesterId, r.Agency.Name, r.Agency.Type.ToString(), r.Purpose.ToString(), r.CaseNumber,
            file.Policy.Outcome.ToString(), file.Policy.Rule, outcome, decision?.By, decision?.At);
    }
}
