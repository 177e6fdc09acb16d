namespace Alpr.Cosmos;

/// <summary>Cosmos account and database. Azure: endpoint + managed identity (local auth disabled). Local: endpoint + key.</summary>
public sealed class CosmosOptions
{
    public string? Endpoint { get; set; }
    public string? Key { get; set; }
    public string Database { get; set; } = "alpr";
    /// <summary>
    /// The local Cosmos server presents a self-signed certificate. Honoured only for loopback endpoints, so a
    /// misconfiguration can never turn off certificate checks against a real account.
    /// </summary>
    public bool AcceptLocalServerCertificate { get; set; }
}
