using Herald.Stats;
using Herald.Storage;
using Herald.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Storage;

/// <summary>
/// Every stored result is keyed on all of its inputs: a change to the identity files, the configuration, or
/// the releases a release's figures are compared with recomputes exactly the releases that depend on it,
/// and what the portal serves (the snapshot) shows the new figures. The subclasses choose the database.
/// </summary>
public abstract class IndexerInputsTests : IAsyncLifetime
{
    private PortalProject? _project;
    private string? _data;
    private IndexDatabase? _database;

    private PortalProject Project => _project!;

    private string ConfigFolder => Path.GetDirectoryName(Project.ConfigPath)!;

    private static int ReleaseCount => PortalProject.Versions.Count;

    public async Task InitializeAsync()
    {
        _project = PortalProject.CreateSmall();
        _data = Project.NewFolder("data");
        _database = IndexDatabase.For(_data, await CreateDatabaseAsync());
    }

    public async Task DisposeAsync()
    {
        await DropDatabaseAsync();
        _project?.Dispose();
    }

    [Fact]
    public async Task RunAsync_DomainMapLineChanged_RecomputesEveryReleaseWithTheNewEmployer()
    {
        WriteStats("domain_map = \"domain-map\"", ("domain-map", "amd.com  Advanced Micro\n"));
        await RunAsync();
        Assert.Contains("Advanced Micro", await EmployersAsync("1.2.0"));

        File.WriteAllText(Path.Combine(ConfigFolder, "domain-map"), "amd.com  AMD Research\n");
        var result = await RunAsync();

        Assert.Equal((true, ReleaseCount), (result.Changed, result.Releases));
        var employers = await EmployersAsync("1.2.0");
        Assert.Contains("AMD Research", employers);
        Assert.DoesNotContain("Advanced Micro", employers);
    }

    [Fact]
    public async Task RunAsync_BuiltInDomainMapTurnedOff_RecomputesEveryReleaseWithoutItsEmployers()
    {
        await RunAsync();
        Assert.Contains("Citrix", await EmployersAsync("1.0.0"));

        WriteStats("builtin_domain_map = false");
        var result = await RunAsync();

        Assert.Equal((true, ReleaseCount), (result.Changed, result.Releases));
        var employers = await EmployersAsync("1.0.0");
        Assert.DoesNotContain("Citrix", employers);
        Assert.Contains(EmployerMap.Unknown, employers);
    }

    [Fact]
    public async Task RunAsync_AliasesLineAdded_RecomputesEveryReleaseWithTheJoinedDevelopers()
    {
        WriteStats("aliases = \"aliases\"", ("aliases", "# none yet\n"));
        await RunAsync();
        var before = (await StatsAsync("1.1.0")).Developers;

        File.WriteAllText(Path.Combine(ConfigFolder, "aliases"), "dave@arm.com carol@amd.com\n");
        var result = await RunAsync();

        Assert.Equal((true, ReleaseCount), (result.Changed, result.Releases));
        Assert.Equal(before - 1, (await StatsAsync("1.1.0")).Developers);
    }

    [Fact]
    public async Task RunAsync_MailmapChanged_RereadsEveryCommitAndRecomputesEveryRelease()
    {
        await RunAsync();
        var before = (await StatsAsync("1.1.0")).Developers;

        Project.Builder.Mailmap("Carol Coder <carol@amd.com> <dave@arm.com>\n");
        var result = await RunAsync();

        Assert.Equal((true, Project.CountCommits("--all"), ReleaseCount), (result.Changed, result.NewCommits, result.Releases));
        Assert.Equal(before - 1, (await StatsAsync("1.1.0")).Developers);
        await using var context = _database!.CreateContext();
        Assert.Equal("Carol Coder", (await context.Commits.SingleAsync(c => c.Subject == "arm: master work 2")).AuthorName);
    }

    [Fact]
    public async Task RunAsync_PolicyChanged_RecomputesNoRelease()
    {
        await RunAsync();

        File.WriteAllText(Project.ConfigPath, PortalProject.ConfigText.Replace("cadence_months = 4", "cadence_months = 6", StringComparison.Ordinal));
        var result = await RunAsync();

        Assert.Equal((true, 0), (result.Changed, result.Releases));
    }

    [Fact]
    public async Task RunAsync_NothingChanged_RecomputesNothing()
    {
        WriteStats("domain_map = \"domain-map\"", ("domain-map", "amd.com  Advanced Micro\n"));
        await RunAsync();
        foreach (var marker in Directory.GetFiles(_data!, "index-*.fingerprint"))
        {
            File.Delete(marker);
        }

        var result = await RunAsync();

        Assert.Equal((false, 0, 0), (result.Changed, result.NewCommits, result.Releases));
    }

    [Fact]
    public async Task RunAsync_ComparableReleaseGone_RecomputesTheGrowthAgainstTheNextOne()
    {
        await RunAsync();
        Assert.Equal("RELEASE-1.1.1", (await StatsAsync("1.2.1")).Previous?.To);

        Project.Builder.Git("tag", "-d", "RELEASE-1.1.1");
        var result = await RunAsync();

        // 1.1.2 now starts at 1.1.0; 1.2.1 keeps its commit and range but is compared with 1.0.1.
        Assert.Equal((true, 2), (result.Changed, result.Releases));
        var stats = await StatsAsync("1.2.1");
        var comparable = await StatsAsync("1.0.1");
        Assert.Equal("RELEASE-1.0.1", stats.Previous?.To);
        Assert.Equal(comparable.Changesets, stats.Previous?.Changesets);
    }

    [Fact]
    public async Task RunAsync_PreviousReleaseMoved_RecomputesTheReleaseAfterIt()
    {
        await RunAsync();
        Assert.Equal(1, (await StatsAsync("1.1.3")).Changesets);

        // 1.1.2 re-tagged on 1.1.1's commit: 1.1.3 keeps its commit and its previous version, not its range.
        Project.Builder.Git("tag", "-f", "-a", "RELEASE-1.1.2", "-m", "Release 1.1.2", Project.Builder.ShaOf("RELEASE-1.1.1^{commit}"));
        var result = await RunAsync();

        Assert.Equal((true, 2), (result.Changed, result.Releases));
        Assert.Equal(2, (await StatsAsync("1.1.3")).Changesets);
    }

    /// <summary>The PostgreSQL connection string to index into, or null for SQLite in the data folder.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabaseAsync();

    private void WriteStats(string line, params (string Name, string Text)[] files)
    {
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(ConfigFolder, name), text);
        }

        File.WriteAllText(Project.ConfigPath, PortalProject.ConfigText + "[stats]\n" + line + "\n");
    }

    private Task<IndexResult> RunAsync()
    {
        var project = HeraldProject.Open(Project.Builder.Path, Project.ConfigPath, _data, Project.WorkingDirectory, Project.DataHome);
        return new Indexer(project, _database!, new FakeTimeProvider(PortalProject.Now), parallelism: 2).RunAsync();
    }

    private async Task<ContributionStats> StatsAsync(string version)
    {
        await using var context = _database!.CreateContext();
        var snapshot = await IndexSnapshot.LoadAsync(context, 1);
        return IndexSnapshot.StatsOf(snapshot.Release(version)!)!;
    }

    private async Task<List<string>> EmployersAsync(string version) =>
        [.. (await StatsAsync(version)).ByEmployer.Select(e => e.Employer)];
}

public sealed class SqliteIndexerInputsTests : IndexerInputsTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

public sealed class PostgresIndexerInputsTests : IndexerInputsTests
{
    private readonly PostgresTestDatabaseSlot _postgres = new();

    protected override Task<string?> CreateDatabaseAsync() => _postgres.CreateAsync();

    protected override Task DropDatabaseAsync() => _postgres.DropAsync();
}
