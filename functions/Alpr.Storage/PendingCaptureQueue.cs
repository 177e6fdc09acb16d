using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Alpr.Storage;

/// <summary>A capture the app authorised and expects to be uploaded before <see cref="Deadline"/>.</summary>
public sealed record PendingCapture(string BlobName, DateTimeOffset Deadline);

/// <summary>One received notice; hand it back to <see cref="PendingCaptureQueue"/> to complete or postpone.</summary>
public sealed record PendingCaptureMessage(PendingCapture Capture, string MessageId, string PopReceipt, long DequeueCount);

/// <summary>
/// Standalone mode's blob-created trigger. Issuing an upload URL enqueues a notice (made visible a little
/// later); the trigger loop then looks at exactly the blobs it was told about, so the cost grows with new
/// captures, never with what is already stored. In Azure, Event Grid's BlobCreated does this job instead.
/// </summary>
public sealed class PendingCaptureQueue(StorageClients clients)
{
    private QueueClient Queue => clients.Queues.GetQueueClient(clients.Options.PendingCaptureQueue);

    public Task EnqueueAsync(PendingCapture capture, TimeSpan visibleAfter, CancellationToken ct = default) =>
        Queue.SendMessageAsync(JsonSerializer.Serialize(capture), visibleAfter, TimeSpan.FromDays(7), ct);

    public async Task<IReadOnlyList<PendingCaptureMessage>> ReceiveAsync(int max, TimeSpan lease, CancellationToken ct = default)
    {
        QueueMessage[] messages = (await Queue.ReceiveMessagesAsync(max, lease, ct)).Value;
        var result = new List<PendingCaptureMessage>(messages.Length);
        foreach (var m in messages)
        {
            var capture = JsonSerializer.Deserialize<PendingCapture>(m.Body.ToString());
            if (capture is null) { await Queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct); continue; }
            result.Add(new PendingCaptureMessage(capture, m.MessageId, m.PopReceipt, m.DequeueCount));
        }
        return result;
    }

    public Task CompleteAsync(PendingCaptureMessage message, CancellationToken ct = default) =>
        Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);

    /// <summary>Not uploaded yet: look again after <paramref name="delay"/>.</summary>
    public Task PostponeAsync(PendingCaptureMessage message, TimeSpan delay, CancellationToken ct = default) =>
        Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: ct);
}
