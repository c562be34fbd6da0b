using System.Globalization;
using Herald.History;
using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

/// <summary>One person is one developer: name variants joined after .mailmap and aliases, unless exact names are asked for.</summary>
public sealed class StatsCalculatorNameVariantsTests : IDisposable
{
    private static readonly IdentityResolver s_identities = new(GitdmAliases.Empty, EmployerMap.Parse(["citrix.com Citrix", "suse.com SUSE"], "domain-map"));

    private readonly RepoBuilder _repo = RepoBuilder.Create();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Compute_AccentVariantsOfOneName_OneDeveloper()
    {
        _repo.CommitsBy("Roger Pau Monné <roger.pau@citrix.com>", 2)
            .CommitsBy("Roger Pau Monne <roger@home.example.org>");

        var stats = Compute(s_identities);

        var roger = Assert.Single(stats.ByDeveloper);
        Assert.Equal("Roger Pau Monné", roger.Name);
        Assert.Equal(3, roger.Changesets);
        Assert.Equal(1, stats.Developers);
    }

    [Fact]
    public void Compute_CaseVariantsOfOneName_OneDeveloper()
    {
        _repo.CommitsBy("Reima ISHII <ishiir@g.ecc.u-tokyo.ac.jp>")
            .CommitsBy("Reima Ishii <reima@other.example.org>", 2);

        var stats = Compute(s_identities);

        Assert.Equal(1, stats.Developers);
        Assert.Equal("Reima Ishii", Assert.Single(stats.ByDeveloper).Name);
    }

    [Fact]
    public void Compute_TwoNamesShareAnAddress_OneDeveloper()
    {
        _repo.CommitsBy("Robert Builder <bob@suse.com>")
            .CommitsBy("Bob Builder <bob@suse.com>", 2);

        var stats = Compute(s_identities);

        var bob = Assert.Single(stats.ByDeveloper);
        Assert.Equal("Bob Builder", bob.Name);
        Assert.Equal(3, bob.Changesets);
        Assert.Equal(1, Assert.Single(stats.ByEmployer).Developers);
    }

    [Fact]
    public void Compute_NameAndAddressLinks_JoinTransitively()
    {
        _repo.CommitsBy("José Pérez <jose@a.example.org>")
            .CommitsBy("Jose Perez <jperez@b.example.org>")
            .CommitsBy("J. Perez <jperez@b.example.org>");

        var stats = Compute(s_identities);

        Assert.Equal(1, stats.Developers);
        Assert.Equal(3, Assert.Single(stats.Merged).Variants.Count);
    }

    [Theory]
    [InlineData("noreply@github.com")]
    [InlineData("no-reply@example.org")]
    [InlineData("root@localhost")]
    public void Compute_TwoNamesShareAGenericAddress_TwoDevelopers(string address)
    {
        _repo.CommitsBy($"Ann Lee <{address}>")
            .CommitsBy($"Dan Mover <{address}>");

        var stats = Compute(s_identities);

        Assert.Equal(2, stats.Developers);
        Assert.Empty(stats.Merged);
    }

    [Fact]
    public void Compute_AddressUsedByThreeNames_NobodyJoined()
    {
        _repo.CommitsBy("Ann Lee <build@team.example.org>")
            .CommitsBy("Dan Mover <build@team.example.org>")
            .CommitsBy("Eve Smith <build@team.example.org>");

        var stats = Compute(s_identities);

        Assert.Equal(3, stats.Developers);
        Assert.Empty(stats.Merged);
    }

    [Fact]
    public void Compute_VariantsWithDifferentCounts_MostFrequentFormAndAddressShown()
    {
        _repo.CommitsBy("Cédric Bosdonnat <cedric@home.example.org>")
            .CommitsBy("Cedric Bosdonnat <cbosdonnat@suse.com>", 3)
            .CommitsBy("Cédric Bosdonnat <cedric@home.example.org>");

        var stats = Compute(s_identities);

        var cedric = Assert.Single(stats.ByDeveloper);
        Assert.Equal("Cedric Bosdonnat", cedric.Name);
        Assert.Equal("cbosdonnat@suse.com", cedric.Email);
        Assert.Equal(5, cedric.Changesets);
    }

    [Fact]
    public void Compute_VariantsTied_FormWithAccentsShown()
    {
        _repo.CommitsBy("Roger Pau Monné <roger.pau@citrix.com>")
            .CommitsBy("Roger Pau Monne <roger.pau@citrix.com>");

        var stats = Compute(s_identities);

        Assert.Equal("Roger Pau Monné", Assert.Single(stats.ByDeveloper).Name);
    }

    [Fact]
    public void Compute_Merged_ListsEachVariantWithItsChangesets()
    {
        _repo.CommitsBy("Roger Pau Monne <roger.pau@citrix.com>")
            .CommitsBy("Roger Pau Monné <roger.pau@citrix.com>", 2)
            .CommitsBy("Ann Lee <ann@citrix.com>");

        var stats = Compute(s_identities);

        var merged = Assert.Single(stats.Merged);
        Assert.Equal("Roger Pau Monné", merged.Name);
        Assert.Equal(
            new[] { new IdentityVariant("Roger Pau Monné", "roger.pau@citrix.com", 2), new IdentityVariant("Roger Pau Monne", "roger.pau@citrix.com", 1) },
            merged.Variants);
    }

    [Fact]
    public void Compute_ExactNames_DevelopersAndCountsEqualGitShortlog()
    {
        _repo.CommitsBy("Roger Pau Monné <roger.pau@citrix.com>", 2)
            .CommitsBy("Roger Pau Monne <roger.pau@citrix.com>")
            .CommitsBy("Reima ISHII <ishiir@g.ecc.u-tokyo.ac.jp>")
            .CommitsBy("Reima Ishii <ishiir@g.ecc.u-tokyo.ac.jp>")
            .CommitsBy("Ann Lee <ann@citrix.com>");

        var exact = Compute(s_identities.WithExactNames(true));
        var joined = Compute(s_identities);

        var git = _repo.Git("shortlog", "-sn", "--no-merges", "HEAD")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split('\t'))
            .Select(parts => (Name: parts[1], Count: int.Parse(parts[0], CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(5, git.Count);
        Assert.Equal(git.Count, exact.Developers);
        Assert.Equal(git, exact.ByDeveloper.Select(d => (d.Name, Count: d.Changesets)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
        Assert.Empty(exact.Merged);
        Assert.Equal(3, joined.Developers);
    }

    [Fact]
    public void Compute_ReviewerUnderTwoCaseForms_OneReviewer()
    {
        _repo.Commit("One\n\nReported-by: Reima ISHII <ishiir@g.ecc.u-tokyo.ac.jp>\n", author: "Ann Lee", email: "ann@citrix.com")
            .Commit("Two\n\nReported-by: Reima Ishii <ishiir@g.ecc.u-tokyo.ac.jp>\n", author: "Ann Lee", email: "ann@citrix.com")
            .Commit("Three\n\nReported-by: Reima Ishii <ishiir@g.ecc.u-tokyo.ac.jp>\n", author: "Ann Lee", email: "ann@citrix.com");

        var joined = Compute(s_identities);
        var exact = Compute(s_identities.WithExactNames(true));

        var reima = Assert.Single(joined.ByReviewer);
        Assert.Equal("Reima Ishii", reima.Name);
        Assert.Equal(3, reima.Reports);
        Assert.Equal(2, exact.ByReviewer.Count);
    }

    [Fact]
    public void Compute_ReviewerWritesAnUnaccentedVariantOfAnAuthor_CreditedToTheAuthorRow()
    {
        _repo.CommitsBy("Cédric Bosdonnat <cbosdonnat@suse.com>")
            .Commit("Ann's work\n\nAcked-by: Cedric Bosdonnat <cedric@home.example.org>\n", author: "Ann Lee", email: "ann@citrix.com");

        var stats = Compute(s_identities);

        Assert.Equal(1, Assert.Single(stats.ByDeveloper, d => d.Name == "Cédric Bosdonnat").Reviews);
        Assert.Equal("Cédric Bosdonnat", Assert.Single(stats.ByReviewer).Name);
    }

    [Fact]
    public void DeveloperNameOf_VariantName_TheJoinedName()
    {
        _repo.CommitsBy("Roger Pau Monne <roger.pau@citrix.com>")
            .CommitsBy("Roger Pau Monné <roger.pau@citrix.com>", 2)
            .CommitsBy("Ann Lee <ann@citrix.com>");

        var stats = Compute(s_identities);

        Assert.Equal("Roger Pau Monné", stats.DeveloperNameOf("Roger Pau Monne"));
        Assert.Equal("Roger Pau Monné", stats.DeveloperNameOf("Roger Pau Monné"));
        Assert.Equal("Ann Lee", stats.DeveloperNameOf("Ann Lee"));
        var developerName = stats.DeveloperNames();
        Assert.Equal("Roger Pau Monné", developerName("Roger Pau Monne"));
        Assert.Equal("Roger Pau Monné", developerName("Roger Pau Monné"));
        Assert.Equal("Ann Lee", developerName("Ann Lee"));
    }

    private ContributionStats Compute(IdentityResolver identities) =>
        new StatsCalculator(GitRepository.Open(_repo.Path), identities, LineCountCache.InMemory(), parallelism: 1)
            .Compute(null, "HEAD", ["HEAD"]);
}
