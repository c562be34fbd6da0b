using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Releases;

public sealed class TargetResolverTests(StableHistoryFixture fixture) : IClassFixture<StableHistoryFixture>
{
    private TargetResolver Resolver => new(fixture.Repository, fixture.Catalog);

    [Fact]
    public void Resolve_Version_GivesReleaseAndPrevious()
    {
        var target = Resolver.Resolve("1.0.1");

        Assert.Equal("1.0.1", target.Label);
        Assert.Equal(fixture.Release("1.0.1"), target.Release);
        Assert.Equal(fixture.Release("1.0.0"), target.Previous);
        Assert.Equal("RELEASE-1.0.0", target.From);
        Assert.Equal("RELEASE-1.0.1", target.To);
        Assert.Equal(["refs/tags/RELEASE-1.0.1", "^refs/tags/RELEASE-1.0.0"], target.Revisions);
        Assert.Equal(["Fix bug X [1.0]"], fixture.Subjects(target.Revisions));
    }

    [Fact]
    public void Resolve_FirstVersion_HasNoPreviousAndCoversTheWholeHistory()
    {
        var target = Resolver.Resolve("1.0.0");

        Assert.Null(target.Previous);
        Assert.Null(target.From);
        Assert.Equal(["Add feature A", "Initial import"], fixture.Subjects(target.Revisions));
    }

    [Fact]
    public void Resolve_TwoPartVersion_ReadsAsSeriesStart()
    {
        var target = Resolver.Resolve("1.1");

        Assert.Equal(new ReleaseVersion(1, 1, 0), target.Release?.Version);
        Assert.Equal("RELEASE-1.0.0", target.From);
    }

    [Fact]
    public void Resolve_RangeOfVersions_UsesTheirTags()
    {
        var target = Resolver.Resolve("1.0.0..1.0.2");

        Assert.Null(target.Release);
        Assert.Null(target.Previous);
        Assert.Equal("RELEASE-1.0.0", target.From);
        Assert.Equal("RELEASE-1.0.2", target.To);
        Assert.Equal(["refs/tags/RELEASE-1.0.2", "^refs/tags/RELEASE-1.0.0"], target.Revisions);
        Assert.Equal(["Fix bug X [1.0]", "Fix bug Y [1.0]", "Fix bug only in 1.0"], fixture.Subjects(target.Revisions));
    }

    [Fact]
    public void Resolve_RangeOfTagAndBranch_UsesTheRefsAsWritten()
    {
        var target = Resolver.Resolve("RELEASE-1.0.0..stable-1.0");

        Assert.Equal("RELEASE-1.0.0", target.From);
        Assert.Equal("stable-1.0", target.To);
        Assert.Equal(["stable-1.0", "^RELEASE-1.0.0"], target.Revisions);
        Assert.Equal(
            ["Fix bug X [1.0]", "Fix bug Y [1.0]", "Fix bug only in 1.0", "Unreleased 1.0 fix"],
            fixture.Subjects(target.Revisions));
    }

    [Fact]
    public void Resolve_RangeWithoutStart_StartsAtHeadAsInGit()
    {
        var target = Resolver.Resolve("..1.0.1");

        // git reads "..X" as "HEAD..X": what X has that HEAD lacks, not X's whole history.
        Assert.Equal("HEAD", target.From);
        Assert.Equal("RELEASE-1.0.1", target.To);
        Assert.Equal(["refs/tags/RELEASE-1.0.1", "^HEAD"], target.Revisions);
        var expected = fixture.Repository.Run("rev-list", "HEAD..RELEASE-1.0.1").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Length, fixture.Subjects(target.Revisions).Count);
        Assert.DoesNotContain("Initial import", fixture.Subjects(target.Revisions));
    }

    [Fact]
    public void Resolve_RangeWithoutEnd_EndsAtHead()
    {
        var target = Resolver.Resolve("1.2.0..");

        Assert.Equal("RELEASE-1.2.0", target.From);
        Assert.Equal(["HEAD", "^refs/tags/RELEASE-1.2.0"], target.Revisions);
        Assert.Equal(["Master work 6"], fixture.Subjects(target.Revisions));
        Assert.Equal("HEAD", target.To);
    }

    [Fact]
    public void Resolve_BranchName_CoversItsWholeHistory()
    {
        var target = Resolver.Resolve("stable-1.1");

        Assert.Null(target.From);
        Assert.Null(target.Release);
        Assert.Equal("stable-1.1", target.To);
        Assert.Equal(["stable-1.1"], target.Revisions);
        var expected = fixture.Builder.Git("rev-list", "--count", "stable-1.1");
        Assert.Equal(expected, fixture.Subjects(target.Revisions).Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Resolve_TargetWithSurroundingSpaces_IsTrimmed()
    {
        Assert.Equal(fixture.Release("1.1.3"), Resolver.Resolve("  1.1.3 ").Release);
    }

    [Fact]
    public void Resolve_UnknownVersion_ThrowsPointingAtHeraldReleases()
    {
        var error = Assert.Throws<HeraldException>(() => Resolver.Resolve("1.1.2"));

        Assert.Contains("RELEASE-1.1.2", error.Message);
        Assert.Contains("'herald releases'", error.Message);
    }

    [Fact]
    public void Resolve_UnknownRef_ThrowsNamingIt()
    {
        var error = Assert.Throws<HeraldException>(() => Resolver.Resolve("no-such-branch"));

        Assert.Contains("'no-such-branch'", error.Message);
    }

    [Fact]
    public void Resolve_RangeWithUnknownEnd_ThrowsNamingIt()
    {
        var error = Assert.Throws<HeraldException>(() => Resolver.Resolve("1.0.0..nowhere"));

        Assert.Contains("'nowhere'", error.Message);
    }

    [Fact]
    public void Resolve_SymmetricRange_IsRejected()
    {
        var error = Assert.Throws<HeraldException>(() => Resolver.Resolve("1.0.0...1.0.2"));

        Assert.Contains("A...B", error.Message);
        Assert.Contains("A..B", error.Message);
    }

    [Fact]
    public void Resolve_Empty_ThrowsAskingForATarget()
    {
        var error = Assert.Throws<HeraldException>(() => Resolver.Resolve("   "));

        Assert.Contains("no target", error.Message);
    }

    [Fact]
    public void Resolve_OptionLikeRef_IsRejected()
    {
        var error = Assert.Throws<HeraldException>(() => Resolver.Resolve("--all"));

        Assert.Contains("not a valid revision", error.Message);
    }

    [Fact]
    public void Resolve_InEmptyRepository_SaysThereAreNoCommits()
    {
        using var builder = RepoBuilder.CreateEmpty();
        var repository = GitRepository.Open(builder.Path);
        var resolver = new TargetResolver(repository, ReleaseCatalog.Read(repository, TagScheme.Xen));

        var error = Assert.Throws<HeraldException>(() => resolver.Resolve("master"));

        Assert.Contains("no commits", error.Message);
        Assert.Contains(builder.Path, error.Message);
    }
}
