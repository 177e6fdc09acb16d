namespace Alpr.Core.Reports;

/// <summary>One time a user was handed an image: who, when, why (audit entry "reads.image").</summary>
public sealed record ImageView(string EntryId, DateTimeOffset At, string UserId, string? Role, string? Reason, string? CaseNumber);

/// <summary>An image viewed or downloaded in the quarter (the blob, e.g. "captures/cam/…/id.jpg"), with every view of it.</summary>
public sealed record SampleCandidate(string Image, string? Read, IReadOnlyList<ImageView> Views);

/// <summary>One drawn image. <see cref="ItemId"/> is its position in the draw ("1", "2", …), the key for the reviewer's finding.</summary>
public sealed record SampleItem(string ItemId, int Position, string Image, string? Read, IReadOnlyList<ImageView> Views);

/// <summary>
/// The quarter's random review sample (San Leandro 418.6.1) and everything needed to redraw it: the algorithm, the
/// seed, and the candidate images in the order the draw used (ordinal sort), with their SHA-256 for a quick check.
/// </summary>
public sealed record ReviewSample(
    string Algorithm, string Seed, int Requested, int CandidateCount, string CandidatesSha256,
    IReadOnlyList<string> Candidates, IReadOnlyList<SampleItem> Items);
