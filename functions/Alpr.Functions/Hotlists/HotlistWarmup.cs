namespace Alpr.Functions.Hotlists;

/// <summary>Loads the hotlist index before the app reports ready, so no capture is matched against an empty index.</summary>
public sealed class HotlistWarmup(HotlistIndexLoader loader) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => loader.RefreshAsync(force: true, ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
