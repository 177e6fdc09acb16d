using Alpr.Core.Access;

namespace Alpr.Core.Tests.Access;

public class UserStandingTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly AlprUser Good = new()
    {
        Id = "u1", Name = "n", Role = Role.Officer, TrainingCompletedOn = Today.AddMonths(-2), TrainingExpiresOn = Today.AddMonths(10),
        ApprovedBy = "admin", ApprovedAt = DateTimeOffset.UtcNow.AddMonths(-2),
    };

    [Fact]
    public void Trained_approved_active_user_is_in_good_standing() => Assert.Null(UserStanding.Refusal(Good, Today));

    [Fact]
    public void Training_valid_through_today_still_counts() => Assert.Null(UserStanding.Refusal(Good with { TrainingExpiresOn = Today }, Today));

    [Fact]
    public void Refusals_say_why()
    {
        Assert.Contains("registered", UserStanding.Refusal(null, Today));
        Assert.Contains("expired", UserStanding.Refusal(Good with { TrainingExpiresOn = Today.AddDays(-1) }, Today));
        Assert.Contains("not completed", UserStanding.Refusal(Good with { TrainingCompletedOn = null }, Today));
        Assert.Contains("approved", UserStanding.Refusal(Good with { ApprovedBy = null }, Today));
        Assert.Contains("deactivated", UserStanding.Refusal(Good with { Active = false }, Today));
    }
}
