using System.Net;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>Pages only read: any other method answers 405 with <c>Allow: GET, HEAD</c>, never 400 or 500.</summary>
[Collection(SqlitePortalCollection.Name)]
public sealed class PortalMethodTests(SqlitePortalFixture portal)
{
    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("TRACE", "/releases")]
    [InlineData("TRACE", "/releases/1.2.0")]
    [InlineData("TRACE", "/series/1.2")]
    [InlineData("OPTIONS", "/releases/1.2.0")]
    [InlineData("PUT", "/")]
    [InlineData("DELETE", "/releases")]
    [InlineData("POST", "/releases/1.2.0")]
    [InlineData("PATCH", "/log/master")]
    public async Task Page_MethodOtherThanGetOrHead_Answers405(string method, string path)
    {
        using var response = await portal.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Page_Get_StillAnswers200()
    {
        using var response = await portal.Client.GetAsync("/releases/1.2.0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
