namespace Alpr.Vision;

/// <summary>Azure AI Vision Image Analysis 4.0 (read feature) settings.</summary>
public sealed class VisionReadOptions
{
    /// <summary>e.g. https://myvision.cognitiveservices.azure.com (no trailing path). Null: fallback disabled.</summary>
    public Uri? Endpoint { get; set; }
    public string? ApiKey { get; set; }
    public string ApiVersion { get; set; } = "2024-02-01";
    /// <summary>Per-attempt network timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Retries after a 429 or 5xx (Retry-After honoured, capped by <see cref="MaxRetryDelay"/>).</summary>
    public int MaxRetries { get; set; } = 2;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Consecutive failed calls that open the circuit, and how long it stays open.</summary>
    public int BreakerFailureThreshold { get; set; } = 3;
    public TimeSpan BreakerOpenDuration { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => Endpoint is not null && !string.IsNullOrEmpty(ApiKey);
}
