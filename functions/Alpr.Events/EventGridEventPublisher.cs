using System.Text.Json;
using Alpr.Core.Events;
using Azure;
using Azure.Identity;
using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace Alpr.Events;

/// <summary>Publishes <see cref="AlprEvent"/>s to an Event Grid topic as one CloudEvents 1.0 batch per call.</summary>
public sealed class EventGridEventPublisher : IEventPublisher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly EventGridPublisherClient _client;
    private readonly string _source;

    public EventGridEventPublisher(EventGridOptions options)
    {
        var endpoint = options.TopicEndpoint ?? throw new InvalidOperationException("EventGrid: TopicEndpoint is required");
        _source = options.Source;
        _client = string.IsNullOrEmpty(options.Key)
            ? new EventGridPublisherClient(endpoint, new DefaultAzureCredential())
            : new EventGridPublisherClient(endpoint, new AzureKeyCredential(options.Key));
    }

    public async Task PublishAsync(IReadOnlyList<AlprEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0) return;
        var batch = events.Select(e => new CloudEvent(_source, e.Type, BinaryData.FromObjectAsJson(e.Data, Json), "application/json", CloudEventDataFormat.Json)
        {
            Id = e.Id,
            Subject = e.Subject,
            Time = e.Time,
        }).ToList();
        await _client.SendEventsAsync(batch, ct);
    }
}
