namespace Alpr.Core.Pipeline;

/// <summary>Why an upload was set aside. Kept so nothing is silently dropped and the count can be reported.</summary>
public sealed record QuarantineRecord(string Id, string BlobName, string? CameraId, string Reason, string Detail, long Length, DateTimeOffset At);

public interface IQuarantineLog
{
    Task RecordAsync(QuarantineRecord record, CancellationToken cancellationToken = default);
}
