using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Herald.Tests.Storage;
using Herald.Tests.Support;
using Herald.Web.Serving;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>
/// <c>herald serve --inline-io true</c> as a real child process, with the diagnostic thread header: what the
/// output cache does not answer from memory (a page to render, a download, a refresh) runs off the socket
/// threads. Fails when the middleware order lets an endpoint start on one (docs/serving.md).
/// </summary>
public sealed class ServeThreadsTests : IDisposable
{
    private const string Token = "threads-test-token";
    private const string RefreshEnded = "Index refresh ended on a ";

    private readonly PortalProject _project = PortalProject.CreateSmall();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InlineIo_UncachedPagesDownloadsAndRefresh_RunOffTheSocketThreads(bool postgres)
    {
        // PostgreSQL too: its replies arrive on sockets, so with inline completions a refresh not kept on the
        // thread pool would continue on a socket thread after its queries.
        await using var database = postgres ? await PostgresTestDatabase.CreateAsync() : null;
        string[] store = database is null ? [] : ["--database", database.ConnectionString];
        var data = _project.NewFolder("data");
        var artifacts = Directory.CreateDirectory(Path.Combine(data, "artifacts", "releases")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "notes.txt"), "a published file\n");
        var port = HeraldProcess.FreePort();
        using var serve = HeraldProcess.Start(_project.NewFolder("work"), [
            "serve", "--repo", _project.Builder.Path, "--config", _project.ConfigPath, "--data", data,
            "--urls", Url(port, string.Empty), "--admin-token", Token, "--access-log", "off",
            "--inline-io", "true", "--thread-header", .. store]);
        using var client = new HttpClient();
        await HeraldProcess.WaitUntilHealthyAsync(serve, client, Url(port, "/healthz"));

        foreach (var path in new[] { "/", "/releases", "/releases/1.0.0", "/api/status", "/feeds/releases.atom", "/downloads/releases/notes.txt" })
        {
            using var response = await client.GetAsync(Url(port, path));
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.Equal((path, "pool"), (path, ThreadOf(response)));
        }

        _project.Builder.Checkout("master").Commit("x86: work after the first index");
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(port, "/api/refresh"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var accepted = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("pool", ThreadOf(accepted));

        // The first refresh (at start) and the one asked for: both ended on the thread pool.
        var clock = Stopwatch.StartNew();
        while (Count(serve.Output, RefreshEnded) < 2 && clock.Elapsed < ChildProcess.Patience)
        {
            await Task.Delay(50);
        }

        var output = serve.Output;
        Assert.True(Count(output, RefreshEnded) >= 2, $"the refresh did not end in time:\n{output}");
        Assert.Equal(Count(output, RefreshEnded), Count(output, RefreshEnded + "pool thread"));
    }

    public void Dispose() => _project.Dispose();

    private static string? ThreadOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(SocketThreads.ThreadHeader, out var values) ? string.Join(",", values) : null;

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static string Url(int port, string path) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{path}");
}
