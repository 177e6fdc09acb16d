using Alpr.Core.Events;
using Alpr.Events;
using Alpr.LocalServers;

namespace Alpr.Adapters.Tests.Events;

/// <summary>The real EventGridPublisherClient against a real HTTP endpoint that checks the key and the CloudEvents body.</summary>
public class EventGridEventPublisherTests
{
    [Fact]
    public async Task Publishes_a_cloudevents_batch_with_the_key_header()
    {
        await using var topic = await LocalEventGridTopic.StartAsync();
        var publisher = new EventGridEventPublisher(new EventGridOptions { TopicEndpoint = topic.Endpoint, Key = topic.Key });
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        await publisher.PublishAsync([
            new AlprEvent("r1:read", AlprEventTypes.PlateRead, "/cameras/c1/reads/r1", at, new { plate = "7ABC123" }),
            new AlprEvent("a1:hit", AlprEventTypes.HotlistHit, "/alerts/a1", at, new { plate = "7ABC123", listId = "svs" }),
        ]);

        Assert.Equal(2, topic.Events.Count);
        var hit = Assert.Single(topic.OfType(AlprEventTypes.HotlistHit));
        Assert.Equal("1.0", hit.GetProperty("specversion").GetString());
        Assert.Equal("a1:hit", hit.GetProperty("id").GetString());
        Assert.Equal("/alpr", hit.GetProperty("source").GetString());
        Assert.Equal("/alerts/a1", hit.GetProperty("subject").GetString());
        Assert.Equal("svs", hit.GetProperty("data").GetProperty("listId").GetString());
        Assert.Equal(at, hit.GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_surfaces_as_an_error()
    {
        await using var topic = await LocalEventGridTopic.StartAsync();
        var publisher = new EventGridEventPublisher(new EventGridOptions { TopicEndpoint = topic.Endpoint, Key = "not-the-key" });
        var e = await Assert.ThrowsAsync<Azure.RequestFailedException>(() =>
            publisher.PublishAsync([new AlprEvent("x", AlprEventTypes.PlateRead, "/x", DateTimeOffset.UtcNow, new { })]));
        Assert.Equal(401, e.Status);
        Assert.Empty(topic.Events);
        Assert.Equal(1, topic.RejectedRequests);
    }
}
