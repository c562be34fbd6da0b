using System.Globalization;
using Herald.History;
using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

/// <summary>Statistics over small purpose-built repositories: who counts as whom, and the cache's keys.</summary>
public sealed class StatsCalculatorIdentityTests : IDisposable
{
    private readonly RepoBuilder _repo = RepoBuilder.Create();
    private readonly TempDirectory _files = TempDirectory.Create();

    public void Dispose()
    {
        _repo.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void Compute_AliasesNameOneOfThreeAddressesOfOneName_StillOneDeveloper()
    {
        _repo.Commit("First", author: "Bob Builder", email: "bob@a.example.com")
            .Commit("Second", author: "Bob Builder", email: "bob@b.example.com")
            .Commit("Third", author: "Bob Builder", email: "bob@c.example.com");
        var aliases = GitdmAliases.Load(_files.WriteFile("aliases", "bob@a.example.com bob@b.example.com\n"));

        var without = Compute(new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty));
        var with = Compute(new IdentityResolver(aliases, EmployerMap.Empty));

        Assert.Equal(1, without.Developers);
        Assert.Equal(1, with.Developers);
    }

    [Fact]
    public void Compute_AliasesMergeTwoNames_OneDeveloperNamedAfterNewestCommit()
    {
        _repo.Commit("Old", author: "Robert Builder", email: "rob@old.example.com")
            .Commit("New", author: "Bob Builder", email: "bob@suse.com");
        var aliases = GitdmAliases.Load(_files.WriteFile("aliases", "rob@old.example.com bob@suse.com\n"));

        var stats = Compute(new IdentityResolver(aliases, EmployerMap.Empty));

        var bob = Assert.Single(stats.ByDeveloper);
        Assert.Equal("Bob Builder", bob.Name);
        Assert.Equal("bob@suse.com", bob.Email);
        Assert.Equal(2, bob.Changesets);
    }

    [Fact]
    public void Compute_ReviewerWritesAnAliasedAddress_CreditedToTheAuthorRow()
    {
        _repo.Commit("Bob's work", author: "Bob Builder", email: "bob@suse.com")
            .Commit("Ann's work\n\nReviewed-by: Robert Builder <rob@old.example.com>\n", author: "Ann Lee", email: "ann@citrix.com");
        var aliases = GitdmAliases.Load(_files.WriteFile("aliases", "rob@old.example.com bob@suse.com\n"));

        var stats = Compute(new IdentityResolver(aliases, EmployerMap.Empty));

        Assert.Equal(1, Assert.Single(stats.ByDeveloper, d => d.Name == "Bob Builder").Reviews);
        var reviewer = Assert.Single(stats.ByReviewer);
        Assert.Equal("Bob Builder", reviewer.Name);
    }

    [Fact]
    public void Compute_ReviewerWritesAuthorsAddressUnderAnotherName_CreditedToTheAuthorRow()
    {
        _repo.Commit("Ann's work", author: "Ann Lee", email: "ann@citrix.com")
            .Commit("Bob's work\n\nAcked-by: A. Lee <ann@citrix.com>\n", author: "Bob Builder", email: "bob@suse.com");

        var stats = Compute(new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty));

        Assert.Equal(1, Assert.Single(stats.ByDeveloper, d => d.Name == "Ann Lee").Reviews);
        Assert.Equal("Ann Lee", Assert.Single(stats.ByReviewer).Name);
    }

    [Fact]
    public void Compute_ReviewerWritesAnAddressTheMailmapMaps_CreditedToTheAuthorRow()
    {
        _repo.Mailmap("Carol Smith <carol@example.org> <csmith@typo.example.org>\n")
            .Commit("Carol's work", author: "Carol Smith", email: "carol@example.org")
            .Commit("Ann's work\n\nReviewed-by: carol smith <csmith@typo.example.org>\n", author: "Ann Lee", email: "ann@citrix.com");

        var stats = Compute(new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty));

        Assert.Equal(1, Assert.Single(stats.ByDeveloper, d => d.Name == "Carol Smith").Reviews);
        Assert.Equal("Carol Smith", Assert.Single(stats.ByReviewer).Name);
    }

    [Fact]
    public void Compute_ReviewerWithoutAddress_CountedUnderTheName()
    {
        _repo.Commit("Work\n\nReviewed-by: Some Maintainer\n", author: "Ann Lee", email: "ann@citrix.com");

        var stats = Compute(new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty));

        Assert.Equal(1, stats.Reviews);
        var reviewer = Assert.Single(stats.ByReviewer);
        Assert.Equal("Some Maintainer", reviewer.Name);
        Assert.Equal(string.Empty, reviewer.Email);
        Assert.Equal(EmployerMap.Unknown, reviewer.Employer);
    }

    [Fact]
    public void Compute_ReviewerChangesEmployer_EachReviewCreditedToTheEmployerAtThatCommit()
    {
        _repo.Commit("One\n\nReviewed-by: Rev Iewer <rev@mover.org>\n", author: "Ann Lee", email: "ann@citrix.com", date: new DateTimeOffset(2020, 2, 29, 12, 0, 0, TimeSpan.Zero))
            .Commit("Two\n\nReviewed-by: Rev Iewer <rev@mover.org>\n", author: "Ann Lee", email: "ann@citrix.com", date: new DateTimeOffset(2020, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var map = EmployerMap.Parse(["rev@mover.org OldCo < 2020-03-01", "rev@mover.org NewCo"], "domain-map");

        var stats = Compute(new IdentityResolver(GitdmAliases.Empty, map));

        Assert.Equal(1, Assert.Single(stats.ByEmployer, e => e.Employer == "OldCo").Reviews);
        Assert.Equal(1, Assert.Single(stats.ByEmployer, e => e.Employer == "NewCo").Reviews);
        var reviewer = Assert.Single(stats.ByReviewer);
        Assert.Equal(2, reviewer.Reviews);
        Assert.Equal("NewCo", reviewer.Employer);
    }

    [Fact]
    public void Compute_CommitRewritten_NewShaCountedAfreshNotFromTheCache()
    {
        _repo.Commit("Base", files: new Dictionary<string, string> { ["a.txt"] = "1\n" })
            .Commit("Change", files: new Dictionary<string, string> { ["a.txt"] = "1\n2\n" });
        using var data = TempDirectory.Create();
        var path = data.Combine("line-counts.bin");
        var cache = LineCountCache.Open(path);
        var before = Compute(new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty), cache);
        cache.Save();

        _repo.WriteFile("a.txt", "1\n2\n3\n4\n5\n");
        _repo.Git("add", "-A");
        _repo.Git("commit", "-q", "--amend", "--no-edit");
        var after = Compute(new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty), LineCountCache.Open(path));

        Assert.Equal(2, before.LinesAdded);
        Assert.Equal(5, after.LinesAdded);
    }

    [Fact]
    public void Compute_UnusualPathsRenamesWithEditsAndEmptyCommits_LinesEqualGitNumstat()
    {
        var body = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        _repo.Commit("Root", files: new Dictionary<string, string> { ["dir with space/a b.txt"] = body, ["ünïcode.txt"] = "x\n" })
            .EmptyCommit("Nothing")
            .Commit("Tab\tin path", files: new Dictionary<string, string> { ["tab\there.txt"] = "1\n2\n" });
        _repo.Git("rm", "-q", "--", "dir with space/a b.txt");
        _repo.WriteFile("moved/a b.txt", body.Replace("line 7\n", "line seven\n", StringComparison.Ordinal) + "line 21\n");
        _repo.Commit("Rename with an edit", files: new Dictionary<string, string> { ["ünïcode.txt"] = "y\n" });
        _repo.EmptyCommit("Nothing again");
        var (added, removed) = NumstatTotals();

        var stats = Compute(new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty));

        Assert.Equal(5, stats.Changesets);
        Assert.Equal(added, stats.LinesAdded);
        Assert.Equal(removed, stats.LinesRemoved);
        Assert.Equal(20 + 1 + 2 + 2 + 1, stats.LinesAdded);
    }

    private (long Added, long Removed) NumstatTotals()
    {
        long added = 0, removed = 0;
        foreach (var line in _repo.Git("log", "--no-merges", "--numstat", "--format=", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            added += fields[0] == "-" ? 0 : long.Parse(fields[0], CultureInfo.InvariantCulture);
            removed += fields[1] == "-" ? 0 : long.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        return (added, removed);
    }

    private ContributionStats Compute(IdentityResolver identities, LineCountCache? cache = null) =>
        new StatsCalculator(GitRepository.Open(_repo.Path), identities, cache ?? LineCountCache.InMemory(), parallelism: 1)
            .Compute(null, "HEAD", ["HEAD"]);
}
