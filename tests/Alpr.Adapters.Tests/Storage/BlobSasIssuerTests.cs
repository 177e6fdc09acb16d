using System.Net;
using Alpr.Storage;
using Alpr.Testing;

namespace Alpr.Adapters.Tests.Storage;

/// <summary>Against Azurite: the upload URL grants create/write on exactly one new blob, nothing more.</summary>
public class BlobSasIssuerTests
{
    private static async Task<(StorageClients clients, BlobSasIssuer sas, string container)> SetUpAsync()
    {
        var servers = await LocalServices.GetAsync();
        string container = "t" + Guid.NewGuid().ToString("N")[..12];
        var clients = new StorageClients(new StorageOptions { ConnectionString = servers.Azurite.ConnectionString, RequireHttps = false, CapturesContainer = container });
        await clients.Container(container).CreateIfNotExistsAsync();
        return (clients, new BlobSasIssuer(clients, TimeProvider.System), container);
    }

    private static HttpRequestMessage Put(Uri url, byte[] body)
    {
        var req = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
        req.Headers.Add("x-ms-blob-type", "BlockBlob");
        req.Headers.TryAddWithoutValidation("If-None-Match", "*");
        req.Headers.Add("x-ms-meta-capturedat", "2026-11-23T10:00:00Z");
        return req;
    }

    [Fact]
    public async Task Upload_url_creates_the_one_blob_once_and_keeps_metadata()
    {
        var (clients, sas, container) = await SetUpAsync();
        var url = await sas.UploadUriAsync(container, "cam1/2026/11/23/abc.jpg", TimeSpan.FromMinutes(5), default);
        using var http = new HttpClient();

        var first = await http.SendAsync(Put(url, [0xFF, 0xD8, 0xFF, 1, 2, 3]));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await http.SendAsync(Put(url, [9, 9, 9]));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var props = await clients.Container(container).GetBlobClient("cam1/2026/11/23/abc.jpg").GetPropertiesAsync();
        Assert.Equal(6, props.Value.ContentLength);
        Assert.Equal("2026-11-23T10:00:00Z", props.Value.Metadata["capturedat"]);
    }

    [Fact]
    public async Task Upload_url_cannot_write_another_blob_or_read()
    {
        var (_, sas, container) = await SetUpAsync();
        var url = await sas.UploadUriAsync(container, "cam1/2026/11/23/one.jpg", TimeSpan.FromMinutes(5), default);
        var other = new UriBuilder(url) { Path = url.AbsolutePath.Replace("one.jpg", "two.jpg") }.Uri;
        using var http = new HttpClient();

        var wrongBlob = await http.SendAsync(Put(other, [1]));
        Assert.Equal(HttpStatusCode.Forbidden, wrongBlob.StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(Put(url, [1]))).StatusCode);
        var read = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task Expired_upload_url_is_refused()
    {
        var (_, sas, container) = await SetUpAsync();
        var url = await sas.UploadUriAsync(container, "cam1/2026/11/23/late.jpg", TimeSpan.FromMinutes(-2), default);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Put(url, [1]))).StatusCode);
    }

    [Fact]
    public async Task Read_link_reads_one_blob_and_cannot_write()
    {
        var (clients, sas, container) = await SetUpAsync();
        await clients.Container(container).GetBlobClient("x/a.jpg").UploadAsync(new BinaryData(new byte[] { 1, 2, 3 }));
        var link = await sas.ReadUriAsync(container, "x/a.jpg", TimeSpan.FromMinutes(5), default);
        using var http = new HttpClient();
        Assert.Equal(new byte[] { 1, 2, 3 }, await http.GetByteArrayAsync(link));
        var write = await http.SendAsync(Put(link, [4]));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("sp=r&", link.Query + "&");
    }
}
