using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.History;

public sealed class GitRepositoryTests
{
    [Fact]
    public void Open_WorkTree_IsNeitherBareNorShallow()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");

        var repository = GitRepository.Open(builder.Path);

        Assert.Equal(builder.Path, repository.Path);
        Assert.Equal(builder.GitDir, repository.GitDirectory);
        Assert.False(repository.IsBare);
        Assert.False(repository.IsShallow);
    }

    [Fact]
    public void Open_FolderThatIsNoRepository_ThrowsNamingThePath()
    {
        using var folder = TempDirectory.Create();

        var error = Assert.Throws<HeraldException>(() => GitRepository.Open(folder.Path));

        Assert.Contains(folder.Path, error.Message);
        Assert.Contains("not a git repository", error.Message);
        Assert.Contains("--repo", error.Message);
    }

    [Fact]
    public void Open_MissingFolder_ThrowsNamingThePath()
    {
        using var folder = TempDirectory.Create();
        var missing = folder.Combine("does-not-exist");

        var error = Assert.Throws<HeraldException>(() => GitRepository.Open(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Open_BareClone_IsBare()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var bare = builder.CloneBare();

        var repository = GitRepository.Open(bare);

        Assert.True(repository.IsBare);
        Assert.False(repository.IsShallow);
        Assert.Equal(bare, repository.Path);
        Assert.Equal(bare, repository.GitDirectory);
    }

    [Fact]
    public void Open_ShallowClone_IsShallow()
    {
        using var builder = RepoBuilder.Create().Commit("One").Commit("Two").Commit("Three");
        var shallow = builder.CloneShallow(1);

        var repository = GitRepository.Open(shallow);

        Assert.True(repository.IsShallow);
        Assert.False(repository.IsBare);
    }

    [Fact]
    public void Open_EmptyRepository_Opens()
    {
        using var builder = RepoBuilder.CreateEmpty();

        var repository = GitRepository.Open(builder.Path);

        Assert.False(repository.IsBare);
        Assert.False(repository.IsShallow);
    }

    [Fact]
    public void Run_FailingCommand_ThrowsWithGitsMessage()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var repository = GitRepository.Open(builder.Path);

        var error = Assert.Throws<HeraldException>(() => repository.Run("rev-parse", "--verify", "no-such-ref"));

        Assert.Contains("git rev-parse --verify no-such-ref failed", error.Message);
    }

    [Fact]
    public void TryRun_MissingRef_ReturnsFalse()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var repository = GitRepository.Open(builder.Path);

        Assert.False(repository.TryRun(out _, "rev-parse", "--verify", "--quiet", "no-such-ref"));
        Assert.True(repository.TryRun(out var sha, "rev-parse", "--verify", "HEAD"));
        Assert.Equal(builder.LastSha, sha);
    }

    [Fact]
    public async Task TryRun_GitFillsTheErrorPipeBeforeItsOutputEnds_ReturnsWithBoth()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var repository = GitRepository.Open(builder.Path);
        // 1 MB on standard error, then a line on standard output: a reader that drains standard output
        // to its end before it reads standard error waits for git while git waits for it.
        var noisy = "alias.noisy=!head -c 1000000 /dev/zero | tr '\\0' x >&2; echo done";

        var run = Task.Run(() => (Succeeded: repository.TryRun(out var output, out var error, "-c", noisy, "noisy"), Output: output, Error: error));

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == run, "TryRun did not return: git blocked on a full standard error pipe");
        var (succeeded, output, error) = await run;
        Assert.True(succeeded);
        Assert.Equal("done", output);
        Assert.Equal(1_000_000, error.Length);
    }
}
