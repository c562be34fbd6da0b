using System.Collections.Concurrent;
using Herald.Storage;
using Herald.Tests.Support;
using Herald.Tests.Web;
using Herald.Web;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Herald.Tests.Storage;

/// <summary>
/// The SQLite index's migration lock: <c>index.db.lock</c> held by a living migrator is waited for, out
/// loud; EF Core's lock row left by a dead one is cleared instead of waited on for ever.
/// </summary>
public sealed class MigrationLockTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _folder = TempDirectory.Create();

    [Fact]
    public async Task MigrateAsync_LockFileHeldByAnotherMigrator_SaysItWaitsAndMigratesOnceFree()
    {
        var data = _folder.CreateSubdirectory("data");
        var told = new Reports();
        Task migration;
        using (Hold(Path.Combine(data, "index.db.lock")))
        {
            migration = IndexDatabase.For(data, null).MigrateAsync(told);
            await WaitUntilAsync(() => !told.IsEmpty, "the migration said it waits");
            await Task.Delay(300);
            Assert.False(migration.IsCompleted, "the migration went on while another held index.db.lock");
        }

        await migration.WaitAsync(Patience);
        Assert.Contains(told, r => r.StartsWith($"waiting for '{Path.Combine(data, "index.db.lock")}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_EfLockRowOfADeadMigrator_ClearsItInsteadOfWaitingForEver()
    {
        var data = _folder.CreateSubdirectory("data");
        await IndexDatabase.For(data, null).MigrateAsync();
        Execute(data, "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2021-06-15 12:00:00+00:00')");

        await IndexDatabase.For(data, null).MigrateAsync().WaitAsync(Patience);

        Assert.Equal(0L, Execute(data, "SELECT count(*) FROM \"__EFMigrationsLock\""));
    }

    [Fact]
    public async Task Portal_LockFileHeldAtStart_LogsThatItWaitsThenServes()
    {
        using var project = PortalProject.CreateSmall();
        var data = project.NewFolder("data");
        var options = new PortalOptions { Repository = project.Builder.Path, Config = project.ConfigPath, Data = data };
        var hold = Hold(Path.Combine(data, "index.db.lock"));
        try
        {
            await using var host = PortalHost.Start(options, PortalProject.Now);
            await WaitUntilAsync(() => host.Logs.Lines.Any(l => l.Contains("Index: waiting for '", StringComparison.Ordinal)), "the portal logged that it waits");
            hold.Dispose();

            await host.WaitUntilHealthyAsync(Patience);
        }
        finally
        {
            hold.Dispose();
        }
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>What another migrator holds while it migrates.</summary>
    private static FileStream Hold(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    private static object? Execute(string data, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "index.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not in {Patience}: {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Progress reports kept as they come (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class Reports : ConcurrentQueue<string>, IProgress<string>
    {
        public void Report(string value) => Enqueue(value);
    }
}
