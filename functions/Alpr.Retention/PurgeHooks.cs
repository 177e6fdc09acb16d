using Alpr.Core.Retention;

namespace Alpr.Retention;

/// <summary>
/// Fault-injection seam for tests (a crash between deleting an item's blobs and its document). Null in
/// production; registered only by tests.
/// </summary>
public sealed class PurgeHooks
{
    public Func<PurgeCandidate, CancellationToken, Task>? AfterBlobsDeleted { get; set; }
}
