using System.Collections.Concurrent;
using Alpr.Core.Retention;

namespace Alpr.Retention;

/// <summary>One run's counts, updated by concurrent deletes and copied into the purge record after every page.</summary>
internal sealed class PurgeTally
{
    /// <summary>Errors kept in the record: enough to act on, bounded so a run of failures cannot bloat it.</summary>
    public const int MaxErrors = 200;

    private long _examined, _deletedReads, _deletedBlobs, _skippedHeld, _failed;
    private int _errorCount;
    private readonly ConcurrentDictionary<string, long> _byDay = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public long Failed => Interlocked.Read(ref _failed);

    public void Examined(int n) => Interlocked.Add(ref _examined, n);
    public void Held() => Interlocked.Increment(ref _skippedHeld);
    public void BlobsDeleted(int n) => Interlocked.Add(ref _deletedBlobs, n);

    public void ReadDeleted(string countKey)
    {
        Interlocked.Increment(ref _deletedReads);
        _byDay.AddOrUpdate(countKey, 1, (_, n) => n + 1);
    }

    public void ItemFailed(string error)
    {
        Interlocked.Increment(ref _failed);
        Error(error);
    }

    public void Error(string error)
    {
        if (Interlocked.Increment(ref _errorCount) <= MaxErrors) _errors.Enqueue(error);
    }

    public PurgeRecord Apply(PurgeRecord r, PurgeRunStatus status, long durationMs, long queryMs) => r with
    {
        Status = status, Examined = Interlocked.Read(ref _examined), DeletedReads = Interlocked.Read(ref _deletedReads),
        DeletedBlobs = Interlocked.Read(ref _deletedBlobs), SkippedHeld = Interlocked.Read(ref _skippedHeld), Failed = Failed,
        DeletedBySourceAndDay = new(_byDay), Errors = [.. _errors], DurationMs = durationMs, QueryMs = queryMs,
    };
}
