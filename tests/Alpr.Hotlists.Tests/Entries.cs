using Alpr.Core.Hotlists;

namespace Alpr.Hotlists.Tests;

internal static class Entries
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    public static readonly Hotlist Svs = new() { Id = "svs", Name = "SVS", Source = HotlistSource.Svs, RefreshedAt = Now.AddHours(-1) };
    public static readonly Hotlist Local = new() { Id = "local", Name = "Local major crimes", Source = HotlistSource.Local, RefreshedAt = Now.AddHours(-2) };

    public static HotlistEntry Entry(string plate, string list = "svs", string? state = null, DateTimeOffset? expires = null, int priority = 2, string? id = null) => new()
    {
        Id = id ?? $"{list}:{plate}", ListId = list, Plate = plate, State = state, Reason = "stolen vehicle", Priority = priority,
        ExpiresAt = expires, EnteredBy = "clerk-1", EntryReason = "test", EnteredAt = Now.AddDays(-1), ReferenceNumber = "V" + plate,
    };
}
