using Alpr.Core.Reads;

namespace Alpr.Core.Pipeline;

/// <summary>Persistence of reads (Cosmos "reads").</summary>
public interface IReadStore
{
    /// <summary>Insert or replace by id; idempotent.</summary>
    Task UpsertAsync(PlateRead read, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PlateRead>> GetByCaptureAsync(string captureId, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>One read, found from its id and its image blob name (which fixes its partition).</summary>
    Task<PlateRead?> GetAsync(string readId, string imageBlob, CancellationToken cancellationToken = default);
}
