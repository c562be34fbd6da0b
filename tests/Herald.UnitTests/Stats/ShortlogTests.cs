using System.Globalization;
using Herald.Stats;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class ShortlogTests(StatsRepoFixture fixture) : IClassFixture<StatsRepoFixture>
{
    private const string SecondRangeText = "RELEASE-1.0.0..RELEASE-1.1.0";

    [Fact]
    public void Read_NoAliases_CountsAndOrderEqualGitShortlog()
    {
        var shortlog = Read(fixture.IdentitiesWithoutAliases);

        var git = fixture.Repo.Git("shortlog", "-sn", "--no-merges", SecondRangeText)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split('\t'))
            .Select(parts => (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]))
            .ToList();
        Assert.Equal(git, shortlog.Authors.Select(a => (a.Count, a.Name)).ToList());
    }

    [Fact]
    public void Read_Range_ChangesetsAreTheNonMergeCommits()
    {
        var shortlog = Read(fixture.Identities);

        Assert.Equal(9, shortlog.Changesets);
        Assert.Equal(9, shortlog.Authors.Sum(a => a.Count));
        Assert.DoesNotContain(shortlog.Authors.SelectMany(a => a.Commits), c => c.Subject.StartsWith("Merge", StringComparison.Ordinal));
        Assert.Equal("RELEASE-1.0.0", shortlog.From);
        Assert.Equal("RELEASE-1.1.0", shortlog.To);
    }

    [Fact]
    public void Read_Authors_OrderedByCountThenName()
    {
        var shortlog = Read(fixture.Identities);

        Assert.Equal(
            new[] { "Alice Example", "Bob Builder", "Dan Mover", "Ann Lee", "Carol Smith" },
            shortlog.Authors.Select(a => a.Name));
    }

    [Fact]
    public void Read_AuthorsCommits_OldestFirst()
    {
        var shortlog = Read(fixture.Identities);

        var alice = shortlog.Authors.Single(a => a.Name == "Alice Example");
        Assert.Equal(new[] { "Add logo", "Move a.c", "Drop README" }, alice.Commits.Select(c => c.Subject));
        Assert.Equal(new DateOnly(2020, 3, 5), alice.Commits[0].Date);
        Assert.Equal(alice.Commits.Count, alice.Count);
    }

    [Fact]
    public void Read_Commits_CarryFullShas()
    {
        var shortlog = Read(fixture.Identities);

        var dan = shortlog.Authors.Single(a => a.Name == "Dan Mover");
        var expected = fixture.Repo.Git("log", "--reverse", "--format=%H", "--author=dan@mover.org", SecondRangeText).Split('\n');
        Assert.Equal(expected, dan.Commits.Select(c => c.Sha));
    }

    [Fact]
    public void Read_AliasesFile_GroupsBothAddressesUnderNewestNameAndAddress()
    {
        var shortlog = Read(fixture.Identities);

        var bob = Assert.Single(shortlog.Authors, a => a.Name.EndsWith("Builder", StringComparison.Ordinal));
        Assert.Equal("Bob Builder", bob.Name);
        Assert.Equal("bob@suse.com", bob.Email);
        Assert.Equal(new[] { "Fix typo in feature", "Bob again" }, bob.Commits.Select(c => c.Subject));
    }

    [Fact]
    public void Read_WithoutAliases_KeepsBothNamesApart()
    {
        var shortlog = Read(fixture.IdentitiesWithoutAliases);

        Assert.Contains(shortlog.Authors, a => a.Name == "Robert Builder" && a.Count == 1);
        Assert.Contains(shortlog.Authors, a => a.Name == "Bob Builder" && a.Count == 1);
    }

    [Fact]
    public void Read_Mailmap_AppliesProperNameAndAddress()
    {
        var shortlog = Read(fixture.Identities);

        var carol = Assert.Single(shortlog.Authors, a => a.Name == "Carol Smith");
        Assert.Equal("carol@example.org", carol.Email);
        Assert.DoesNotContain(shortlog.Authors, a => a.Name == "carol smith");
    }

    [Fact]
    public void Read_EmptyRange_NoAuthors()
    {
        var shortlog = Shortlog.Read(fixture.Repository, fixture.Identities, "RELEASE-1.1.0", "RELEASE-1.1.0", ["refs/tags/RELEASE-1.1.0", "^refs/tags/RELEASE-1.1.0"]);

        Assert.Equal(0, shortlog.Changesets);
        Assert.Empty(shortlog.Authors);
    }

    private Shortlog Read(IdentityResolver identities) =>
        Shortlog.Read(fixture.Repository, identities, "RELEASE-1.0.0", "RELEASE-1.1.0", StatsRepoFixture.SecondRange);
}
