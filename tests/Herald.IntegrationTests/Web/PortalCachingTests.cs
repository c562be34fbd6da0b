using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>Validators and cache headers on reads, and who may ask for a refresh.</summary>
public abstract class PortalCachingTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/releases/1.0.0")]
    [InlineData("/log/master?page=1")]
    [InlineData("/api/releases")]
    [InlineData("/api/status")]
    [InlineData("/feeds/releases.atom")]
    public async Task Read_Always_CarriesAnETagAndCacheControl(string path)
    {
        using var response = await portal.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.Public, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl?.MaxAge);
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=0.5, br;q=0.8", "br")]
    [InlineData("identity, gzip;q=0.5", null)]
    [InlineData("zstd", null)]
    [InlineData("", null)]
    public async Task Read_AcceptEncoding_AnswersWithTheCodingItChoseAndTheSameContent(string acceptEncoding, string? expected)
    {
        using var plain = await portal.Client.GetAsync("/releases/1.1.0");
        var html = await plain.Content.ReadAsStringAsync();

        // Twice: the second answer comes from the output cache, which must keep each coding apart.
        for (var round = 0; round < 2; round++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/releases/1.1.0");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            using var response = await portal.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
            Assert.Equal(html, Decode(await response.Content.ReadAsByteArrayAsync(), expected));
            Assert.EndsWith(expected is null ? "\"" : "-" + expected + "\"", response.Headers.ETag?.Tag, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Read_CompressedThenPlain_PlainClientGetsPlainHtml()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/releases/1.0.0");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var compressed = await portal.Client.SendAsync(request);
        Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);

        using var plain = await portal.Client.GetAsync("/releases/1.0.0");

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.StartsWith("<!DOCTYPE html>", await plain.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(compressed.Headers.ETag, plain.Headers.ETag);
    }

    [Fact]
    public async Task Read_TwoPaths_HaveDifferentETags()
    {
        using var one = await portal.Client.GetAsync("/api/releases");
        using var other = await portal.Client.GetAsync("/api/status");

        Assert.NotEqual(one.Headers.ETag, other.Headers.ETag);
    }

    [Theory]
    [InlineData("/releases/1.0.0")]
    [InlineData("/api/releases")]
    [InlineData("/feeds/series/1.0.atom")]
    public async Task Read_MatchingIfNoneMatch_Answers304WithoutABody(string path)
    {
        using var first = await portal.Client.GetAsync(path);
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"GET {path} has no ETag");

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await portal.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Read_OtherIfNoneMatch_AnswersTheBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/releases");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-tag\""));

        using var response = await portal.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"version\": \"1.2.1\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFound_Always_IsNotCachedPublicly()
    {
        using var response = await portal.Client.GetAsync("/releases/9.9.9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.NoCache, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task Refresh_WithoutToken_Answers401()
    {
        using var response = await portal.Client.PostAsync("/api/refresh", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_WrongToken_Answers401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/refresh");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PortalFixture.AdminToken + "x");

        using var response = await portal.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_TokenWithoutBearer_Answers401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/refresh");
        request.Headers.TryAddWithoutValidation("Authorization", PortalFixture.AdminToken);

        using var response = await portal.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_WithToken_Answers202()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/refresh");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PortalFixture.AdminToken);

        using var response = await portal.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static string Decode(byte[] body, string? coding)
    {
        using var input = new MemoryStream(body);
        using Stream decoded = coding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            _ => input,
        };
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

[Collection(SqlitePortalCollection.Name)]
public sealed class SqlitePortalCachingTests(SqlitePortalFixture portal) : PortalCachingTests(portal);

[Collection(PostgresPortalCollection.Name)]
public sealed class PostgresPortalCachingTests(PostgresPortalFixture portal) : PortalCachingTests(portal);
