namespace Alpr.Functions.Workflows;

/// <summary>Workflow runtime settings (section "Workflows").</summary>
public sealed class WorkflowOptions
{
    /// <summary>Attempts before a failing step is poison and its instance fails (the first attempt counts).</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>How long a step may stay pending untouched before the timer re-enqueues it (a crash lost it).</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How long a received step is hidden from other workers while it runs.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
