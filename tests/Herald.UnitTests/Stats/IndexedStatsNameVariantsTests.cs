using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Stats;

/// <summary>The statistics the index stores for a release (and so the portal shows) join name variants too.</summary>
public sealed class IndexedStatsNameVariantsTests : IDisposable
{
    private readonly RepoBuilder _repo = RepoBuilder.Create();
    private readonly TempDirectory _files = TempDirectory.Create();

    public void Dispose()
    {
        _repo.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task RunAsync_ReleaseWithNameVariants_StoresOneDeveloperPerPerson()
    {
        _repo.CommitsBy("Ann Lee <ann@citrix.com>").Tag("RELEASE-1.0.0")
            .CommitsBy("Roger Pau Monne <roger.pau@citrix.com>")
            .CommitsBy("Roger Pau Monné <roger.pau@citrix.com>", 2)
            .CommitsBy("Ann Lee <ann@citrix.com>")
            .Tag("RELEASE-1.1.0");
        var data = _files.CreateSubdirectory("data");
        var project = HeraldProject.Open(_repo.Path, null, data, _files.Path, _files.CreateSubdirectory("xdg"));
        var database = IndexDatabase.For(data, null);

        await new Indexer(project, database, new FakeTimeProvider(RepoBuilder.ClockStart.AddDays(1)), parallelism: 1).RunAsync();

        await using var context = database.CreateContext();
        var snapshot = await IndexSnapshot.LoadAsync(context, 1);
        var stats = IndexSnapshot.StatsOf(snapshot.Release("1.1.0")!)!;
        Assert.Equal(2, stats.Developers);
        Assert.Equal("Roger Pau Monné", Assert.Single(stats.Merged).Name);
        Assert.Equal(3, Assert.Single(stats.ByDeveloper, d => d.Name == "Roger Pau Monné").Changesets);
    }
}
