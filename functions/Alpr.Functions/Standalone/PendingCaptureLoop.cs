using Alpr.Core.Pipeline;
using Alpr.Functions.Captures;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Standalone;

/// <summary>
/// Standalone blob-created trigger: takes pending-capture notices from the queue and runs the same
/// <see cref="ProcessCaptureFunction"/> the Functions host invokes. A notice for a blob not uploaded yet is
/// postponed until the upload deadline; one that keeps failing is quarantined after MaxAttempts.
/// </summary>
public sealed class PendingCaptureLoop(
    PendingCaptureQueue queue, ProcessCaptureFunction function, ICaptureStore captures, IQuarantineLog quarantine,
    IOptions<StandaloneOptions> options, TimeProvider time, ILogger<PendingCaptureLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var gate = new SemaphoreSlim(o.CaptureConcurrency);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<PendingCaptureMessage> batch;
            try { batch = await queue.ReceiveAsync(Math.Min(32, o.CaptureConcurrency * 4), TimeSpan.FromMinutes(2), stoppingToken); }
            catch (OperationCanceledException) { break; }
            catch (Exception e) { log.LogWarning(e, "pending-capture queue unavailable"); await Delay(TimeSpan.FromSeconds(2), stoppingToken); continue; }

            foreach (var message in batch)
            {
                await gate.WaitAsync(stoppingToken);
                running.Add(Task.Run(async () =>
                {
                    try { await HandleAsync(message, stoppingToken); }
                    finally { gate.Release(); }
                }, CancellationToken.None));
            }
            running.RemoveAll(t => t.IsCompleted);
            if (batch.Count == 0) await Delay(o.PollInterval, stoppingToken);
        }
        await Task.WhenAll(running);
    }

    private async Task HandleAsync(PendingCaptureMessage message, CancellationToken ct)
    {
        string blob = message.Capture.BlobName;
        try
        {
            var outcome = await function.RunAsync(blob, ct);
            if (outcome.Kind == CaptureOutcomeKind.Missing && time.GetUtcNow() < message.Capture.Deadline)
            {
                await queue.PostponeAsync(message, TimeSpan.FromSeconds(Math.Min(30, 1 << (int)Math.Min(message.DequeueCount, 5))), ct);
                return;
            }
            if (outcome.Kind == CaptureOutcomeKind.Missing) log.LogInformation("{Blob}: never uploaded before its URL expired", blob);
            await queue.CompleteAsync(message, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            log.LogError(e, "{Blob}: attempt {Attempt} failed", blob, message.DequeueCount);
            if (message.DequeueCount < options.Value.MaxAttempts) return; // the lease runs out and the notice comes back
            var now = time.GetUtcNow();
            var id = Core.Captures.CaptureBlobName.TryParse(blob, out var n) ? n!.CaptureId : blob;
            await quarantine.RecordAsync(new QuarantineRecord(id, blob, n?.CameraId, "processing-failed", $"{e.GetType().Name}: {e.Message}", 0, now), ct);
            await captures.QuarantineAsync(blob, "processing-failed", ct);
            await queue.CompleteAsync(message, ct);
        }
    }

    private static async Task Delay(TimeSpan d, CancellationToken ct)
    {
        try { await Task.Delay(d, ct); } catch (OperationCanceledException) { }
    }
}
