using Herald.History;
using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class ShortlogNameVariantsTests : IDisposable
{
    private readonly RepoBuilder _repo = RepoBuilder.Create();

    public ShortlogNameVariantsTests() =>
        _repo.CommitsBy("Roger Pau Monne <roger.pau@citrix.com>", subject: "old")
            .CommitsBy("Roger Pau Monné <roger.pau@citrix.com>", 2, subject: "new")
            .CommitsBy("Ann Lee <ann@citrix.com>");

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Read_AccentVariants_OneAuthorUnderTheMostFrequentForm()
    {
        var shortlog = Read(IdentityResolver.Default);

        Assert.Equal(new[] { ("Roger Pau Monné", 3), ("Ann Lee", 1) }, shortlog.Authors.Select(a => (a.Name, a.Count)));
        Assert.Equal(new[] { "old 1", "new 1", "new 2" }, shortlog.Authors[0].Commits.Select(c => c.Subject));
    }

    [Fact]
    public void Read_ExactNames_EqualsGitShortlog()
    {
        var shortlog = Read(IdentityResolver.Default.WithExactNames(true));

        var git = _repo.Git("shortlog", "-sn", "--no-merges", "HEAD")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split('\t'))
            .Select(parts => (parts[1], int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(3, git.Count);
        Assert.Equal(git, shortlog.Authors.Select(a => (a.Name, a.Count)).ToList());
    }

    private Shortlog Read(IdentityResolver identities) =>
        Shortlog.Read(GitRepository.Open(_repo.Path), identities, null, "HEAD", ["HEAD"]);
}
