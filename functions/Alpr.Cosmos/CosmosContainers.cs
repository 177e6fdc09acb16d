namespace Alpr.Cosmos;

/// <summary>Container names and partition-key paths, in one place (infra/main.bicep declares the same).</summary>
public static class CosmosContainers
{
    /// <summary>Reads, partitioned by capture day (UTC, yyyy-MM-dd): purges and time-range searches touch whole days.</summary>
    public const string Reads = "reads";
    public const string Alerts = "alerts";
    public const string Cameras = "cameras";
    /// <summary>Hotlist headers and entries, partitioned by list id so a list is read and replaced as a unit.</summary>
    public const string Hotlists = "hotlists";
    public const string Quarantine = "quarantine";
    /// <summary>Audit entries, partitioned by day; kept two years.</summary>
    public const string Audit = "audit";

    /// <summary>ALPR users: role, training and approval (the token says who; this says what they may do).</summary>
    public const string Users = "users";

    /// <summary>Evidence holds and their held-read index, partitioned by hold id.</summary>
    public const string Holds = "holds";
    /// <summary>Purge run records, partitioned by UTC start day, plus the purge lease.</summary>
    public const string Purges = "purges";

    /// <summary>Workflow instances (durable-style state machines), partitioned on the instance id.</summary>
    public const string Workflows = "workflows";

    public const string PartitionKeyPath = "/pk";

    public static readonly IReadOnlyList<string> All = [Reads, Alerts, Cameras, Hotlists, Quarantine, Audit, Users, Holds, Purges, Workflows];
}
