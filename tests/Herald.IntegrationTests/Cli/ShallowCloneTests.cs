using Herald.Tests.Web;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>
/// Every verb that reads history refuses a shallow clone (a real <c>git clone --depth 1 file://…</c>) the
/// same way: exit 1 and one line naming the repository and <c>git fetch --unshallow</c>, never an answer
/// computed from the cut history.
/// </summary>
public sealed class ShallowCloneTests : IDisposable
{
    private readonly PortalProject _project = PortalProject.CreateSmall();
    private readonly string _shallow;

    public ShallowCloneTests()
    {
        _shallow = _project.Builder.CloneShallow(1);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("backports")]
    [InlineData("backports", "1.1")]
    [InlineData("contains", "HEAD")]
    public async Task Verb_ShallowClone_RefusesInTheOneLineStatsAndIndexGive(params string[] verb)
    {
        var result = await RunAsync(verb);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal([Expected], result.ErrorLines);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Status_FullClone_StillAnswers()
    {
        var result = await CliRunner.RunAsync(["status", "--repo", _project.Builder.Path, "--config", _project.ConfigPath, "--data", _project.NewFolder("data")], _project.WorkingDirectory, _project.DataHome);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose() => _project.Dispose();

    /// <summary>The message of the one shared check (<c>CommitLog.EnsureComplete</c>) that stats, shortlog and index give.</summary>
    private string Expected => $"herald: '{_shallow}' is a shallow clone, so its history is incomplete; run 'git fetch --unshallow' there or clone it in full.";

    private Task<CliResult> RunAsync(string[] verb)
    {
        // contains takes a commit id: the shallow clone's own tip, which it does hold.
        var args = verb.Select(a => a == "HEAD" ? _project.Builder.GitAt(_shallow, "rev-parse", "HEAD") : a);
        return CliRunner.RunAsync([.. args, "--repo", _shallow, "--config", _project.ConfigPath, "--data", _project.NewFolder("data")], _project.WorkingDirectory, _project.DataHome);
    }
}
