using Alpr.Core.Access;

namespace Alpr.Functions.Workflows;

/// <summary>
/// Who may see a workflow's status and raise its events through the generic endpoints. Register one per
/// workflow; a workflow without a rule is closed to everyone (fail closed).
/// </summary>
public sealed record WorkflowAccessRule(string Workflow, Permission View, Permission Raise);
