namespace Alpr.Functions.Standalone;

/// <summary>Standalone mode: the app drives its own triggers (no Functions host).</summary>
public sealed class StandaloneOptions
{
    public bool Enabled { get; set; }
    /// <summary>Captures recognised at once (recognition is CPU-bound: about one per core).</summary>
    public int CaptureConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>Attempts before a capture that keeps failing is quarantined (like a queue trigger's poison limit).</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Run timer functions on their function.json schedules.</summary>
    public bool RunTimers { get; set; } = true;
}
