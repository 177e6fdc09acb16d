namespace Alpr.Events;

/// <summary>The custom topic. With <see cref="Key"/> the publisher sends <c>aeg-sas-key</c>; without it, the managed identity.</summary>
public sealed class EventGridOptions
{
    public Uri? TopicEndpoint { get; set; }
    public string? Key { get; set; }
    /// <summary>CloudEvents "source" attribute.</summary>
    public string Source { get; set; } = "/alpr";
}
