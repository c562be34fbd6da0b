using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>
/// <c>herald serve</c> and <c>herald index</c> as real child processes killed (SIGKILL) part-way: whatever the
/// kill leaves in the data folder, the next <c>index</c> or <c>serve</c> on it recovers by itself, promptly
/// (a hang fails after <see cref="ChildProcess.Patience"/>).
/// </summary>
public sealed class ServeCrashTests : IDisposable
{
    private const string Token = "crash-test-token";

    private readonly PortalProject _project = PortalProject.CreateSmall();
    private readonly string _data;
    private readonly string _work;

    public ServeCrashTests()
    {
        _data = _project.NewFolder("data");
        _work = _project.NewFolder("work");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(150)]
    [InlineData(200)]
    public async Task Serve_KilledJustAfterARefreshRequest_NextIndexAndServeRecover(int milliseconds)
    {
        using (var client = new HttpClient())
        {
            var port = HeraldProcess.FreePort();
            using var serve = StartServe(port);
            await HeraldProcess.WaitUntilHealthyAsync(serve, client, Url(port, "/healthz"));
            _project.Builder.Checkout("master").Commit("x86: work after the first index");
            using var request = new HttpRequestMessage(HttpMethod.Post, Url(port, "/api/refresh"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var accepted = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            await Task.Delay(milliseconds);
            serve.KillNow();
        }

        await AssertRecoversAsync($"a kill {milliseconds} ms after POST /api/refresh");
    }

    [Fact]
    public async Task Index_AfterAMigrationKilledHoldingTheEfLock_ClearsTheStaleLockAndRecovers()
    {
        var (code, _, output) = HeraldProcess.Run(_work, Index());
        Assert.True(code == 0, $"the first index failed ({code}):\n{output}");
        // What a migrator killed between taking EF Core's lock and dropping it leaves behind; the new
        // commit makes the next run write (a run with nothing new never opens the database).
        PlantEfMigrationLock();
        _project.Builder.Checkout("master").Commit("x86: work after the kill");

        await AssertRecoversAsync("a migration killed holding EF Core's lock");
    }

    [Fact]
    public async Task Serve_AfterAMigrationKilledHoldingTheEfLock_ClearsItAtStartAndBecomesHealthy()
    {
        var (code, _, output) = HeraldProcess.Run(_work, Index());
        Assert.True(code == 0, $"the first index failed ({code}):\n{output}");
        // The index is up to date, so no refresh needs the database: serve migrates (and clears the lock) at
        // start all the same, and a later refresh never takes the lock, so a kill then cannot leave it.
        PlantEfMigrationLock();

        var port = HeraldProcess.FreePort();
        using var serve = StartServe(port);
        using var client = new HttpClient();
        await HeraldProcess.WaitUntilHealthyAsync(serve, client, Url(port, "/healthz"));

        Assert.Equal(0, EfMigrationLockRows());
    }

    public void Dispose() => _project.Dispose();

    private async Task AssertRecoversAsync(string after)
    {
        var (code, error, output) = HeraldProcess.Run(_work, Index());
        Assert.True(code == 0, $"herald index after {after} failed ({code}):\n{output}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(0, EfMigrationLockRows());

        var port = HeraldProcess.FreePort();
        using var serve = StartServe(port);
        using var client = new HttpClient();
        await HeraldProcess.WaitUntilHealthyAsync(serve, client, Url(port, "/healthz"));
        using var status = await client.GetAsync(Url(port, "/api/status"));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    private string[] Index() => ["index", "--repo", _project.Builder.Path, "--config", _project.ConfigPath, "--data", _data];

    private ChildProcess StartServe(int port) => HeraldProcess.Start(_work,
        "serve", "--repo", _project.Builder.Path, "--config", _project.ConfigPath, "--data", _data,
        "--urls", Url(port, string.Empty), "--admin-token", Token, "--access-log", "off");

    private static string Url(int port, string path) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{path}");

    private void PlantEfMigrationLock()
    {
        using var connection = Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2021-06-15 12:00:00+00:00')";
        insert.ExecuteNonQuery();
    }

    private long EfMigrationLockRows()
    {
        using var connection = Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM \"__EFMigrationsLock\"";
        return (long)count.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "index.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
