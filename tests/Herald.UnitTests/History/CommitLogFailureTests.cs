using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.History;

public sealed class CommitLogFailureTests
{
    [Fact]
    public void Read_EmptyRepositoryHead_ThrowsHeraldExceptionNamingHead()
    {
        using var builder = RepoBuilder.CreateEmpty();
        var log = new CommitLog(GitRepository.Open(builder.Path));

        var error = Assert.Throws<HeraldException>(() => log.Read(new LogRequest(["HEAD"])).ToList());

        Assert.Contains("'HEAD'", error.Message);
        Assert.StartsWith("git log", error.Message);
    }

    [Fact]
    public void Read_ShallowClone_ThrowsHeraldExceptionMentioningShallow()
    {
        using var builder = RepoBuilder.Create().Commit("One").Commit("Two").Commit("Three");
        var shallow = GitRepository.Open(builder.CloneShallow(1));
        var log = new CommitLog(shallow);

        var error = Assert.Throws<HeraldException>(() => log.Read(new LogRequest(["HEAD"])).ToList());

        Assert.Contains("shallow", error.Message);
        Assert.Contains(shallow.Path, error.Message);
        Assert.Contains("git fetch --unshallow", error.Message);
    }

    [Fact]
    public void Read_MissingRef_ThrowsHeraldExceptionNamingTheRef()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var log = new CommitLog(GitRepository.Open(builder.Path));

        var error = Assert.Throws<HeraldException>(() => log.Read(new LogRequest(["no-such-branch"])).ToList());

        Assert.Contains("no-such-branch", error.Message);
    }

    [Fact]
    public void Read_RevisionStartingWithDash_IsRejected()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var log = new CommitLog(GitRepository.Open(builder.Path));

        var target = Path.Combine(builder.RootPath, "written-by-git");

        var error = Assert.Throws<HeraldException>(() => log.Read(new LogRequest(["--output=" + target])).ToList());

        Assert.Contains("not a valid revision", error.Message);
        Assert.False(File.Exists(target));
    }
}
