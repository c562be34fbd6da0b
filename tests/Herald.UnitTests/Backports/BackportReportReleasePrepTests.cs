using Herald.Backports;
using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Backports;

/// <summary>
/// Xen forks stable-X.Y before tagging X.Y.0 and cherry-picks master fixes while preparing the release;
/// those picks are part of X.Y.0, not stable fixes older series lack.
/// <code>
/// master:     Initial import - Add feature A [RELEASE-1.0.0] - Master work 1 - FixG - FixH
/// stable-1.0: (nothing since 1.0.0)
/// stable-1.1: (forked at Master work 1) FixG (-x) - Update version [RELEASE-1.1.0] - FixH (trailer)
/// </code>
/// </summary>
public sealed class BackportReportReleasePrepTests : IDisposable
{
    private readonly RepoBuilder _builder = RepoBuilder.Create();
    private readonly string _fixG;
    private readonly string _fixH;

    public BackportReportReleasePrepTests()
    {
        var b = _builder;
        b.Commit("Initial import", date: BackportFixture.Noon(2020, 1, 6), files: new Dictionary<string, string> { ["g.c"] = "g\n", ["h.c"] = "h\n" });
        b.Commit("Add feature A", date: BackportFixture.Noon(2020, 1, 10)).AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", BackportFixture.Noon(2020, 2, 1));
        b.Branch("stable-1.0");
        b.Commit("Master work 1", date: BackportFixture.Noon(2020, 3, 1));
        b.Branch("stable-1.1");
        _fixG = b.Commit("g: fix found while preparing 1.1", date: BackportFixture.Noon(2020, 3, 5), files: new Dictionary<string, string> { ["g.c"] = "g fixed\n" }).LastSha;
        _fixH = b.Commit("h: fix found after 1.1.0", date: BackportFixture.Noon(2020, 4, 5), files: new Dictionary<string, string> { ["h.c"] = "h fixed\n" }).LastSha;
        b.Checkout("stable-1.1").CherryPick(_fixG, recordOrigin: true, date: BackportFixture.Noon(2020, 3, 6));
        b.Commit("Update version to 1.1.0", date: BackportFixture.Noon(2020, 3, 10)).AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0", BackportFixture.Noon(2020, 3, 15));
        b.Backport(_fixH, date: BackportFixture.Noon(2020, 4, 10));
        b.Checkout("master");
    }

    public void Dispose() => _builder.Dispose();

    [Fact]
    public void Build_PickMadeBeforeTheNewerSeriesRelease_IsNotMissingOnTheOlderSeries()
    {
        var repository = GitRepository.Open(_builder.Path);
        var catalog = ReleaseCatalog.Read(repository, TagScheme.Xen);
        var series10 = SeriesId.Parse("1.0");
        var series11 = SeriesId.Parse("1.1");
        var index = BackportIndex.Build(repository, catalog, "master", [series10, series11], PatchIdCache.InMemory(), 1);
        SupportWindow[] windows = [BackportFixture.Window(series11, SupportStatus.Supported), BackportFixture.Window(series10, SupportStatus.Supported)];

        var report = Assert.Single(BackportReport.Build(repository, catalog, index, windows, [series10], new DateOnly(2020, 6, 1)));

        Assert.Contains(index.CommitsOf(series11), c => c.MasterCommit == _fixG);
        var missing = Assert.Single(report.Missing);
        Assert.Equal(_fixH, missing.Sha);
        Assert.Equal(["1.1"], missing.PresentIn);
    }
}
