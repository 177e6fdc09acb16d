using Alpr.Core.Hotlists;
using Alpr.Cosmos;
using Alpr.Testing;

namespace Alpr.Adapters.Tests.Cosmos;

public class CosmosHotlistStoreTests
{
    private static HotlistEntry Entry(string plate) => new()
    {
        Id = plate, ListId = "svs", Plate = plate, Reason = "stolen vehicle", EnteredBy = "import", EnteredAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Replacing_a_list_switches_versions_and_drops_entries_gone_from_the_new_file()
    {
        using var db = await LocalCosmos.NewDatabaseAsync();
        var store = new CosmosHotlistStore(db, TimeProvider.System);
        var list = new Hotlist { Id = "svs", Name = "SVS stolen vehicles", Source = HotlistSource.Svs, RefreshedAt = DateTimeOffset.UtcNow };

        var v1 = await store.ReplaceListAsync(list, [Entry("AAA111"), Entry("BBB222")]);
        var v2 = await store.ReplaceListAsync(list, [Entry("BBB222"), Entry("CCC333")]);

        Assert.NotEqual(v1.Version, v2.Version);
        var (lists, entries) = await store.LoadAllAsync();
        Assert.Equal(v2.Version, Assert.Single(lists).Version);
        Assert.Equal(["BBB222", "CCC333"], entries.Select(e => e.Plate).Order());
    }
}
