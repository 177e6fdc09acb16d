namespace Alpr.Core.Hotlists;

/// <summary>Sources of hotlists named in the policies (Palm Springs 430.1, Escondido II).</summary>
public enum HotlistSource { Ncic, Svs, Fws, Mups, Amber, Silver, Local }

/// <summary>A list as a whole. <see cref="RefreshedAt"/> is carried on every alert so operators see the lag.</summary>
public sealed record Hotlist
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required HotlistSource Source { get; init; }
    public required DateTimeOffset RefreshedAt { get; init; }
    public int EntryCount { get; init; }
    /// <summary>Identifies the entry set that is live; a re-import writes a new version and then switches.</summary>
    public string Version { get; init; } = "1";
    /// <summary>ETag of the feed file the list was last loaded from (refresh timer), when it comes from one.</summary>
    public string? FeedETag { get; init; }
}
