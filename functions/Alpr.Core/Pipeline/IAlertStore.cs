using Alpr.Core.Alerts;

namespace Alpr.Core.Pipeline;

/// <summary>Persistence of hit alerts (Cosmos "alerts").</summary>
public interface IAlertStore
{
    /// <summary>Creates the alert unless one with the same id exists (a replay keeps the operator's verdict).</summary>
    Task<bool> CreateIfAbsentAsync(HitAlert alert, CancellationToken cancellationToken = default);
}
