using System.Net;
using Herald.Tests.Support;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>The portal while it has no index: 503 everywhere, and <c>/healthz</c> says why.</summary>
public sealed class PortalStartupTests : IDisposable
{
    private readonly TempDirectory _folder = TempDirectory.Create();

    [Fact]
    public async Task Healthz_RepositoryMissing_Answers503WithTheError()
    {
        var missing = _folder.Combine("no-such-repository");
        await using var host = PortalHost.Start(new PortalOptions { Repository = missing, Data = _folder.CreateSubdirectory("data") }, PortalProject.Now);

        var (status, body) = await WaitForErrorAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains(missing, body, StringComparison.Ordinal);
        // Expected, so kept out of the test output (PortalHost captures it) and in one line: no stack trace for a user error.
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Error Herald.Web.IndexRefresher: Indexing failed: ", StringComparison.Ordinal) && l.Contains(missing, StringComparison.Ordinal) && !l.Contains('['));
    }

    [Fact]
    public async Task Pages_WithoutAnIndex_Answer503()
    {
        await using var host = PortalHost.Start(new PortalOptions { Repository = _folder.Combine("no-such-repository"), Data = _folder.CreateSubdirectory("data") }, PortalProject.Now);
        await WaitForErrorAsync(host);

        foreach (var path in new[] { "/", "/releases", "/releases/1.0.0", "/series/1.0", "/log/master", "/api/releases", "/api/status", "/feeds/releases.atom" })
        {
            using var response = await host.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"GET {path} answered {(int)response.StatusCode}");
            Assert.Null(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task Healthz_DatabaseUnreachable_Answers503WithTheError()
    {
        using var project = PortalProject.CreateSmall();
        var options = new PortalOptions
        {
            Repository = project.Builder.Path,
            Config = project.ConfigPath,
            Data = project.NewFolder("data"),
            Database = "Host=127.0.0.1;Port=1;Database=herald_nowhere;Username=herald;Password=herald;Timeout=3",
        };
        await using var host = PortalHost.Start(options, PortalProject.Now);

        var (status, body) = await WaitForErrorAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("127.0.0.1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_NoAdminToken_Answers404()
    {
        await using var host = PortalHost.Start(new PortalOptions { Repository = _folder.Combine("no-such-repository"), Data = _folder.CreateSubdirectory("data") }, PortalProject.Now);

        using var response = await host.Client.PostAsync("/api/refresh", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Polls <c>/healthz</c> until it names an error ("indexing: …"); returns its last answer.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> WaitForErrorAsync(PortalHost host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode status;
        string body;
        do
        {
            using var response = await host.Client.GetAsync("/healthz");
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync();
            if (body.StartsWith("indexing: ", StringComparison.Ordinal))
            {
                return (status, body);
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new Xunit.Sdk.XunitException($"/healthz never named an error; last answer: {(int)status} {body}");
    }
}
