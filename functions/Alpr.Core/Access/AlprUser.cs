namespace Alpr.Core.Access;

/// <summary>
/// A person with ALPR access. The token only says who someone is; standing (training, approval, active) is
/// this record's, kept by the ALPR administrator, and checked on every request.
/// </summary>
public sealed record AlprUser
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required Role Role { get; init; }
    public DateOnly? TrainingCompletedOn { get; init; }
    public DateOnly? TrainingExpiresOn { get; init; }
    /// <summary>The ALPR administrator who approved this user's access.</summary>
    public string? ApprovedBy { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public bool Active { get; init; } = true;
    public string? Email { get; init; }
}
