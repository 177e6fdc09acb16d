using Alpr.Core.Alerts;

namespace Alpr.Core.Pipeline;

/// <summary>Persistence of hit alerts (Cosmos "alerts").</summary>
public interface IAlertStore
{
    /// <summary>Creates the alert unless one with the same id exists (a replay keeps the operator's verdict).</summary>
    Task<bool> CreateIfAbsentAsync(HitAlert alert, CancellationToken cancellationToken = default);

    Task<StoredAlert?> GetAsync(string alertId, CancellationToken cancellationToken = default);

    /// <summary>Replace only if unchanged since it was read (<paramref name="etag"/>); false when someone else changed it first.</summary>
    Task<bool> ReplaceAsync(HitAlert alert, string etag, CancellationToken cancellationToken = default);
}

/// <summary>An alert with the version it was read at, for optimistic concurrency.</summary>
public sealed record StoredAlert(HitAlert Alert, string ETag);
