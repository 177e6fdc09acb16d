using System.Text.Json;
using Alpr.Functions.Hosting;
using Cronos;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Standalone;

/// <summary>
/// Standalone timer trigger: runs each handler whose function.json declares a timerTrigger on that schedule
/// (the same NCRONTAB with seconds the Functions host uses), with a host-shaped invocation payload.
/// </summary>
public sealed class TimerLoop(IEnumerable<IFunctionHandler> handlers, FunctionCatalog catalog, IOptions<StandaloneOptions> options,
    TimeProvider time, ILogger<TimerLoop> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunTimers) return Task.CompletedTask;
        var timers = handlers
            .Select(h => (handler: h, schedule: catalog.Find(h.Name)?.TimerSchedule))
            .Where(x => x.schedule is not null)
            .Select(x => RunAsync(x.handler, CronExpression.Parse(x.schedule!, CronFormat.IncludeSeconds), stoppingToken));
        return Task.WhenAll(timers);
    }

    private async Task RunAsync(IFunctionHandler handler, CronExpression cron, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = cron.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null) return;
            try { await Task.Delay(next.Value - now, time, ct); } catch (OperationCanceledException) { return; }
            var request = new InvocationRequest
            {
                Data = new() { ["timer"] = JsonSerializer.SerializeToElement(new { IsPastDue = false, ScheduleStatus = new { Last = now, Next = next } }) },
                Metadata = new() { ["sys"] = JsonSerializer.SerializeToElement(new { MethodName = handler.Name, UtcNow = time.GetUtcNow(), RandGuid = Guid.NewGuid() }) },
            };
            try { await handler.InvokeAsync(request, ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "timer function {Name} failed", handler.Name); }
        }
    }
}
