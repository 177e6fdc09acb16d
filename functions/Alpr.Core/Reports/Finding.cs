namespace Alpr.Core.Reports;

/// <summary>Something the auditor must look at or explain. Kinds are stable strings (CSV, JSON, tests).</summary>
public sealed record Finding(string Kind, string Subject, string Detail)
{
    public const string OverRetainedWithoutHold = "over-retained-without-hold";
    public const string TrainingLapsedWithAccess = "training-lapsed-with-access";
    public const string AuditChainBroken = "audit-chain-broken";
    public const string FlaggedAccess = "flagged-access";
    public const string SampleShort = "review-sample-short";
    public const string PurgeRunProblem = "purge-run-problem";
    public const string NoPurgeRun = "no-purge-run";
}
