namespace Alpr.Functions.Captures;

/// <summary>Optional body of <c>POST /api/captures</c>: what the camera knows, echoed into the headers it must send.</summary>
public sealed record CaptureRequest(DateTimeOffset? CapturedAt, double? Latitude, double? Longitude, double? Heading);

/// <summary>The answer: where to PUT the image, until when, and every header the PUT must carry.</summary>
public sealed record CaptureUploadTicket(string CaptureId, string BlobName, Uri UploadUrl, string Method, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string> Headers);
