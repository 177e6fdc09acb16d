using System.Text.Json;
using Alpr.Core.Workflows;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Alpr.Storage;

/// <summary>One received step; hand it back to complete it, or let its lease lapse to retry.</summary>
public sealed record WorkflowStepMessage(WorkflowStep Step, string MessageId, string PopReceipt, long DequeueCount);

/// <summary>
/// Workflow steps on an Azure Storage queue (JSON body, Base64 like the Functions queue trigger expects).
/// Retries come from the queue itself: a step whose lease lapses returns with a higher DequeueCount.
/// </summary>
public sealed class WorkflowStepQueue(StorageClients clients) : IWorkflowStepQueue
{
    private QueueClient Queue => clients.Queues.GetQueueClient(clients.Options.WorkflowStepQueue);
    private volatile bool _created;

    public async Task EnqueueAsync(WorkflowStep step, CancellationToken ct = default)
    {
        await EnsureAsync(ct);
        await Queue.SendMessageAsync(JsonSerializer.Serialize(step), null, TimeSpan.FromDays(7), ct);
    }

    public async Task<IReadOnlyList<WorkflowStepMessage>> ReceiveAsync(int max, TimeSpan lease, CancellationToken ct = default)
    {
        await EnsureAsync(ct);
        QueueMessage[] messages = (await Queue.ReceiveMessagesAsync(max, lease, ct)).Value;
        var result = new List<WorkflowStepMessage>(messages.Length);
        foreach (var m in messages)
        {
            var step = Parse(m.Body.ToString());
            if (step is null) { await Queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct); continue; } // unreadable: nothing to retry
            result.Add(new WorkflowStepMessage(step, m.MessageId, m.PopReceipt, m.DequeueCount));
        }
        return result;
    }

    public Task CompleteAsync(WorkflowStepMessage message, CancellationToken ct = default) =>
        Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);

    public static WorkflowStep? Parse(string json)
    {
        try { return JsonSerializer.Deserialize<WorkflowStep>(json); }
        catch (JsonException) { return null; }
    }

    private async Task EnsureAsync(CancellationToken ct)
    {
        if (_created) return;
        await Queue.CreateIfNotExistsAsync(cancellationToken: ct);
        _created = true;
    }
}
