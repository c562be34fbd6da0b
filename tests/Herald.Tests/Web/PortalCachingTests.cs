using System.Net;
using System.Net.Http.Headers;
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
}

[Collection(SqlitePortalCollection.Name)]
public sealed class SqlitePortalCachingTests(SqlitePortalFixture portal) : PortalCachingTests(portal);

[Collection(PostgresPortalCollection.Name)]
public sealed class PostgresPortalCachingTests(PostgresPortalFixture portal) : PortalCachingTests(portal);
