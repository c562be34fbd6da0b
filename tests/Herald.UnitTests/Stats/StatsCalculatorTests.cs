using System.Globalization;
using Herald.History;
using Herald.Releases;
using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class StatsCalculatorTests(StatsRepoFixture fixture) : IClassFixture<StatsRepoFixture>
{
    private const string SecondRangeText = "RELEASE-1.0.0..RELEASE-1.1.0";

    [Fact]
    public void Compute_RangeWithMerge_ChangesetsAreTheNonMergeCommits()
    {
        var stats = Compute(fixture.Identities);

        var expected = int.Parse(fixture.Repo.Git("rev-list", "--count", "--no-merges", SecondRangeText), CultureInfo.InvariantCulture);
        var all = int.Parse(fixture.Repo.Git("rev-list", "--count", SecondRangeText), CultureInfo.InvariantCulture);
        Assert.Equal(9, expected);
        Assert.Equal(10, all);
        Assert.Equal(expected, stats.Changesets);
        Assert.Equal(expected, stats.ByDeveloper.Sum(d => d.Changesets));
        Assert.Equal(expected, stats.ByEmployer.Sum(e => e.Changesets));
    }

    [Fact]
    public void Compute_FromAndTo_AreEchoed()
    {
        var stats = Compute(fixture.Identities);

        Assert.Equal("RELEASE-1.0.0", stats.From);
        Assert.Equal("RELEASE-1.1.0", stats.To);
        Assert.Null(stats.Previous);
        Assert.Null(stats.Growth);
    }

    [Fact]
    public void Compute_NoAliases_DevelopersEqualGitShortlogLines()
    {
        var stats = Compute(fixture.IdentitiesWithoutAliases);

        var shortlog = fixture.Repo.Git("shortlog", "-sn", "--no-merges", SecondRangeText)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(shortlog.Length, stats.Developers);
        Assert.Equal(6, stats.Developers);
    }

    [Fact]
    public void Compute_NoAliases_DeveloperNamesAndCountsEqualGitShortlog()
    {
        var stats = Compute(fixture.IdentitiesWithoutAliases);

        var shortlog = fixture.Repo.Git("shortlog", "-sn", "--no-merges", SecondRangeText)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split('\t'))
            .Select(parts => (Name: parts[1], Count: int.Parse(parts[0], CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var ours = stats.ByDeveloper.Select(d => (Name: d.Name, Count: d.Changesets)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(shortlog, ours);
    }

    [Fact]
    public void Compute_MailmapMapsMisspeltName_OneDeveloperUnderTheProperName()
    {
        var stats = Compute(fixture.IdentitiesWithoutAliases);

        var carol = Assert.Single(stats.ByDeveloper, d => d.Name.Contains("arol", StringComparison.Ordinal));
        Assert.Equal("Carol Smith", carol.Name);
        Assert.Equal("carol@example.org", carol.Email);
    }

    [Fact]
    public void Compute_AliasesFile_MergesTwoAddressesOfOnePerson()
    {
        var without = Compute(fixture.IdentitiesWithoutAliases);
        var with = Compute(fixture.Identities);

        Assert.Equal(6, without.Developers);
        Assert.Contains(without.ByDeveloper, d => d.Name == "Robert Builder");
        Assert.Equal(5, with.Developers);
        var bob = Assert.Single(with.ByDeveloper, d => d.Name.EndsWith("Builder", StringComparison.Ordinal));
        Assert.Equal(2, bob.Changesets);
        Assert.Equal("Bob Builder", bob.Name);
        Assert.Equal("bob@suse.com", bob.Email);
        Assert.Equal("SUSE", bob.Employer);
    }

    [Fact]
    public void Compute_AliasedAddressUnmapped_CountsForTheCanonicalAddressEmployer()
    {
        var with = Compute(fixture.Identities);

        var suse = Assert.Single(with.ByEmployer, e => e.Employer == "SUSE");
        Assert.Equal(2, suse.Changesets);
        Assert.Equal(1, suse.Developers);
    }

    [Fact]
    public void Compute_DeveloperMovesMidRange_CountsForBothEmployersAtTheRightCommits()
    {
        var stats = Compute(fixture.Identities);

        var oldCo = Assert.Single(stats.ByEmployer, e => e.Employer == "OldCo");
        var newCo = Assert.Single(stats.ByEmployer, e => e.Employer == "NewCo");
        Assert.Equal(1, oldCo.Changesets);
        Assert.Equal(1, oldCo.Developers);
        Assert.Equal(1, newCo.Changesets);
        Assert.Equal(1, newCo.Developers);
        var before = fixture.GitNumstatTotals("--author=dan@mover.org", "--until=2020-02-29T23:59:59Z", SecondRangeText);
        var after = fixture.GitNumstatTotals("--author=dan@mover.org", "--since=2020-03-01T00:00:00Z", SecondRangeText);
        Assert.Equal(before.Added, oldCo.LinesAdded);
        Assert.Equal(after.Added, newCo.LinesAdded);
    }

    [Fact]
    public void Compute_DeveloperMovesMidRange_DeveloperShowsNewestEmployer()
    {
        var stats = Compute(fixture.Identities);

        var dan = Assert.Single(stats.ByDeveloper, d => d.Name == "Dan Mover");
        Assert.Equal(2, dan.Changesets);
        Assert.Equal("NewCo", dan.Employer);
    }

    [Fact]
    public void Compute_EarlierReleaseOfTheMover_CountsForTheOldEmployerOnly()
    {
        var stats = Compute(fixture.Identities, null, "RELEASE-1.0.0", StatsRepoFixture.FirstRange);

        Assert.Contains(stats.ByEmployer, e => e.Employer == "OldCo");
        Assert.DoesNotContain(stats.ByEmployer, e => e.Employer == "NewCo");
        Assert.Equal("OldCo", Assert.Single(stats.ByDeveloper, d => d.Name == "Dan Mover").Employer);
    }

    [Fact]
    public void Compute_Employers_DistinctEmployersWithChangesets()
    {
        var stats = Compute(fixture.Identities);

        Assert.Equal(5, stats.Employers);
        Assert.Equal(
            new[] { "(Unknown)", "Citrix", "NewCo", "OldCo", "SUSE" },
            stats.ByEmployer.Where(e => e.Changesets > 0).Select(e => e.Employer).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compute_ParentDomain_AddressOfSubdomainCountsForTheCompany()
    {
        var stats = Compute(fixture.Identities);

        Assert.Equal("Citrix", Assert.Single(stats.ByDeveloper, d => d.Name == "Ann Lee").Employer);
    }

    [Fact]
    public void Compute_Lines_EqualSumsOfGitLogNumstat()
    {
        var stats = Compute(fixture.Identities);

        var (added, removed) = fixture.GitNumstatTotals(SecondRangeText);
        Assert.Equal(added, stats.LinesAdded);
        Assert.Equal(removed, stats.LinesRemoved);
        Assert.Equal(stats.LinesAdded, stats.ByDeveloper.Sum(d => d.LinesAdded));
        Assert.Equal(stats.LinesRemoved, stats.ByDeveloper.Sum(d => d.LinesRemoved));
        Assert.Equal(stats.LinesAdded, stats.ByEmployer.Sum(e => e.LinesAdded));
        Assert.True(stats.LinesAdded > 0 && stats.LinesRemoved > 0);
    }

    [Fact]
    public void Compute_WholeHistory_LinesEqualSumsOfGitLogNumstat()
    {
        var stats = Compute(fixture.Identities, null, "RELEASE-1.1.0", ["refs/tags/RELEASE-1.1.0"]);

        var (added, removed) = fixture.GitNumstatTotals("RELEASE-1.1.0");
        Assert.Equal(added, stats.LinesAdded);
        Assert.Equal(removed, stats.LinesRemoved);
    }

    [Fact]
    public void Compute_PerDeveloperLines_EqualGitLogNumstatOfTheirCommits()
    {
        var stats = Compute(fixture.Identities);

        var ann = Assert.Single(stats.ByDeveloper, d => d.Name == "Ann Lee");
        var (added, removed) = fixture.GitNumstatTotals("--author=ann@eu.citrix.com", SecondRangeText);
        Assert.Equal(3, added);
        Assert.Equal(added, ann.LinesAdded);
        Assert.Equal(removed, ann.LinesRemoved);
    }

    [Fact]
    public void Compute_BinaryFileCommit_CountsNoLines()
    {
        var logo = fixture.Repo.Git("log", "--format=%H", "-1", "--", "assets/logo.png");

        var stats = Compute(fixture.Identities, logo + "^", logo, [logo, "^" + logo + "^"]);

        Assert.Equal(1, stats.Changesets);
        Assert.Equal(0, stats.LinesAdded);
        Assert.Equal(0, stats.LinesRemoved);
        Assert.Contains("-\t-\tassets/logo.png", fixture.Repo.Git("show", "--numstat", "--format=", logo), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_PureRename_CountsNoLines()
    {
        var move = fixture.Repo.Git("log", "--format=%H", "-1", "--grep=^Move a.c");

        var stats = Compute(fixture.Identities, move + "^", move, [move, "^" + move + "^"]);

        Assert.Equal(1, stats.Changesets);
        Assert.Equal(0, stats.LinesAdded);
        Assert.Equal(0, stats.LinesRemoved);
    }

    [Fact]
    public void Compute_Trailers_CountReviewsTestsAndReports()
    {
        var stats = Compute(fixture.Identities);

        Assert.Equal(3, stats.Reviews);
        Assert.Equal(1, stats.Tests);
        Assert.Equal(1, stats.Reports);
    }

    [Fact]
    public void Compute_AuthorWhoAlsoReviews_ReviewsCreditedToTheirDeveloperRow()
    {
        var stats = Compute(fixture.Identities);

        var ann = Assert.Single(stats.ByDeveloper, d => d.Name == "Ann Lee");
        Assert.Equal(1, ann.Changesets);
        Assert.Equal(2, ann.Reviews);
        Assert.Equal(0, ann.Tests);
        Assert.All(stats.ByDeveloper.Where(d => d.Name != "Ann Lee"), d => Assert.Equal(0, d.Reviews));
    }

    [Fact]
    public void Compute_ReviewerWhoNeverAuthors_ListedOnlyAmongReviewers()
    {
        var stats = Compute(fixture.Identities);

        Assert.DoesNotContain(stats.ByDeveloper, d => d.Name == "Rita Reviewer");
        var rita = Assert.Single(stats.ByReviewer, r => r.Name == "Rita Reviewer");
        Assert.Equal("rita@redhat.com", rita.Email);
        Assert.Equal("Red Hat", rita.Employer);
        Assert.Equal(1, rita.Reviews);
        Assert.Equal(0, rita.Tests);
        Assert.Equal(1, rita.Reports);
    }

    [Fact]
    public void Compute_Tester_ListedWithTestsAndEmployer()
    {
        var stats = Compute(fixture.Identities);

        var tom = Assert.Single(stats.ByReviewer, r => r.Name == "Tom Tester");
        Assert.Equal("Intel", tom.Employer);
        Assert.Equal(0, tom.Reviews);
        Assert.Equal(1, tom.Tests);
    }

    [Fact]
    public void Compute_Reviewers_OrderedByReviewsThenOtherCredits()
    {
        var stats = Compute(fixture.Identities);

        Assert.Equal(new[] { "Ann Lee", "Rita Reviewer", "Tom Tester" }, stats.ByReviewer.Select(r => r.Name));
        Assert.Equal(2, stats.ByReviewer[0].Reviews);
    }

    [Fact]
    public void Compute_Reviews_CreditedToTheReviewersEmployers()
    {
        var stats = Compute(fixture.Identities);

        var citrix = Assert.Single(stats.ByEmployer, e => e.Employer == "Citrix");
        var redHat = Assert.Single(stats.ByEmployer, e => e.Employer == "Red Hat");
        Assert.Equal(2, citrix.Reviews);
        Assert.Equal(1, redHat.Reviews);
        Assert.Equal(0, redHat.Changesets);
        Assert.Equal(stats.Reviews, stats.ByEmployer.Sum(e => e.Reviews));
        Assert.DoesNotContain(stats.ByEmployer, e => e.Employer == "Intel");
    }

    [Fact]
    public void Compute_Developers_OrderedByChangesetsThenName()
    {
        var stats = Compute(fixture.Identities);

        Assert.Equal(
            new[] { "Alice Example", "Bob Builder", "Dan Mover", "Ann Lee", "Carol Smith" },
            stats.ByDeveloper.Select(d => d.Name));
        Assert.Equal(new[] { 3, 2, 2, 1, 1 }, stats.ByDeveloper.Select(d => d.Changesets));
    }

    [Fact]
    public void Compute_Shares_ArePercentOfChangesetsToOneDecimal()
    {
        var stats = Compute(fixture.Identities);

        Assert.Equal(33.3, stats.ByDeveloper[0].Share);
        Assert.Equal(22.2, stats.ByDeveloper[1].Share);
        Assert.Equal(44.4, Assert.Single(stats.ByEmployer, e => e.Employer == EmployerMap.Unknown).Share);
    }

    [Fact]
    public void Compute_ReleaseTarget_ComparedWithPreviousRelease()
    {
        var catalog = fixture.Catalog;
        var target = new TargetResolver(fixture.Repository, catalog).Resolve("1.1.0");
        var calculator = new StatsCalculator(fixture.Repository, fixture.Identities, LineCountCache.InMemory(), parallelism: 2);

        var stats = calculator.Compute(target, catalog);

        Assert.Equal("RELEASE-1.0.0", stats.From);
        Assert.Equal("RELEASE-1.1.0", stats.To);
        var previous = Assert.IsType<HeadlineStats>(stats.Previous);
        var expectedPrevious = Compute(fixture.Identities, null, "RELEASE-1.0.0", StatsRepoFixture.FirstRange).Headline;
        Assert.Equal(expectedPrevious, previous);
        Assert.Equal(3, previous.Changesets);
        Assert.Equal(3, previous.Developers);
        Assert.Equal(3, previous.Employers);
        Assert.Null(previous.From);
        Assert.Equal("RELEASE-1.0.0", previous.To);
        var growth = Assert.IsType<Growth>(stats.Growth);
        Assert.Equal(200.0, growth.Changesets);
        Assert.Equal(66.7, growth.Developers);
        Assert.Equal(66.7, growth.Employers);
    }

    [Fact]
    public void Compute_FirstRelease_HasNoPreviousAndNoGrowth()
    {
        var catalog = fixture.Catalog;
        var target = new TargetResolver(fixture.Repository, catalog).Resolve("1.0.0");
        var calculator = new StatsCalculator(fixture.Repository, fixture.Identities, LineCountCache.InMemory());

        var stats = calculator.Compute(target, catalog);

        Assert.Null(stats.From);
        Assert.Equal(3, stats.Changesets);
        Assert.Null(stats.Previous);
        Assert.Null(stats.Growth);
    }

    [Fact]
    public void Compute_RangeTarget_HasNoPrevious()
    {
        var catalog = fixture.Catalog;
        var target = new TargetResolver(fixture.Repository, catalog).Resolve("1.0.0..1.1.0");
        var calculator = new StatsCalculator(fixture.Repository, fixture.Identities, LineCountCache.InMemory());

        var stats = calculator.Compute(target, catalog);

        Assert.Equal(9, stats.Changesets);
        Assert.Null(stats.Previous);
        Assert.Null(stats.Growth);
    }

    [Fact]
    public void Compute_Parallelism1And3_IdenticalResults()
    {
        var one = new StatsCalculator(fixture.Repository, fixture.Identities, LineCountCache.InMemory(), parallelism: 1)
            .Compute(null, "RELEASE-1.1.0", ["refs/tags/RELEASE-1.1.0"]);
        var three = new StatsCalculator(fixture.Repository, fixture.Identities, LineCountCache.InMemory(), parallelism: 3)
            .Compute(null, "RELEASE-1.1.0", ["refs/tags/RELEASE-1.1.0"]);

        Assert.Equal(HeraldJson.Serialize(one), HeraldJson.Serialize(three));
        Assert.True(one.LinesAdded > 0);
    }

    [Fact]
    public void Compute_WarmCache_IdenticalToColdAndReadsNoLines()
    {
        using var data = TempDirectory.Create();
        var path = data.Combine("line-counts.bin");
        var coldCache = LineCountCache.Open(path);
        var cold = new StatsCalculator(fixture.Repository, fixture.Identities, coldCache).Compute(null, "RELEASE-1.1.0", ["refs/tags/RELEASE-1.1.0"]);
        coldCache.Save();

        var warmCache = LineCountCache.Open(path);
        var countBefore = warmCache.Count;
        var warm = new StatsCalculator(fixture.Repository, fixture.Identities, warmCache).Compute(null, "RELEASE-1.1.0", ["refs/tags/RELEASE-1.1.0"]);

        Assert.Equal(12, countBefore);
        Assert.Equal(0, warmCache.Added);
        Assert.Equal(HeraldJson.Serialize(cold), HeraldJson.Serialize(warm));
    }

    [Fact]
    public void Compute_CacheHoldsWrongCountsForASha_CountsComeFromTheCache()
    {
        var head = fixture.Repo.ShaOf("RELEASE-1.1.0^{commit}");
        var cache = LineCountCache.InMemory();
        cache.Add(head, new LineCounts(1000, 2000, 1));

        var stats = new StatsCalculator(fixture.Repository, fixture.Identities, cache).Compute(head + "^", head, [head, "^" + head + "^"]);

        Assert.Equal(1000, stats.LinesAdded);
        Assert.Equal(2000, stats.LinesRemoved);
    }

    [Fact]
    public void Compute_BareClone_SameAsWorkTreeIncludingMailmap()
    {
        var bare = GitRepository.Open(fixture.Repo.CloneBare());

        var fromBare = new StatsCalculator(bare, fixture.Identities, LineCountCache.InMemory()).Compute("RELEASE-1.0.0", "RELEASE-1.1.0", StatsRepoFixture.SecondRange);

        Assert.True(bare.IsBare);
        Assert.Contains(fromBare.ByDeveloper, d => d.Name == "Carol Smith");
        Assert.Equal(HeraldJson.Serialize(Compute(fixture.Identities)), HeraldJson.Serialize(fromBare));
    }

    [Fact]
    public void Compute_EmptyRange_AllZero()
    {
        var stats = Compute(fixture.Identities, "RELEASE-1.1.0", "RELEASE-1.1.0", ["refs/tags/RELEASE-1.1.0", "^refs/tags/RELEASE-1.1.0"]);

        Assert.Equal(0, stats.Changesets);
        Assert.Equal(0, stats.Developers);
        Assert.Equal(0, stats.Employers);
        Assert.Equal(0, stats.LinesAdded);
        Assert.Empty(stats.ByDeveloper);
        Assert.Empty(stats.ByEmployer);
        Assert.Empty(stats.ByReviewer);
    }

    [Fact]
    public void Compute_ProgressGiven_ReportsWhatItDoes()
    {
        var messages = new List<string>();
        var progress = new SynchronousProgress(messages);

        new StatsCalculator(fixture.Repository, fixture.Identities, LineCountCache.InMemory(), progress: progress)
            .Compute("RELEASE-1.0.0", "RELEASE-1.1.0", StatsRepoFixture.SecondRange);

        Assert.Contains(messages, m => m.Contains("RELEASE-1.1.0", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("9 commits", StringComparison.Ordinal));
    }

    private ContributionStats Compute(IdentityResolver identities) =>
        Compute(identities, "RELEASE-1.0.0", "RELEASE-1.1.0", StatsRepoFixture.SecondRange);

    private ContributionStats Compute(IdentityResolver identities, string? from, string to, IReadOnlyList<string> revisions) =>
        new StatsCalculator(fixture.Repository, identities, LineCountCache.InMemory(), parallelism: 2).Compute(from, to, revisions);

    private sealed class SynchronousProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (messages)
            {
                messages.Add(value);
            }
        }
    }
}
