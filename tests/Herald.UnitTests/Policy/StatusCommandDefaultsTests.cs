using Xunit;

namespace Herald.Tests.Policy;

/// <summary><c>herald status</c> for a project without <c>[policy]</c>: Herald's default windows are never applied silently.</summary>
public sealed class StatusCommandDefaultsTests(StatusHistoryFixture fixture) : IClassFixture<StatusHistoryFixture>
{
    private static readonly DateTimeOffset s_now = new(2021, 2, 1, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Status_NoPolicyAndNoStatement_SaysSoOnStandardErrorOnce()
    {
        var run = await fixture.RunAsync(s_now, "status");

        Assert.True(run.ExitCode == 0, run.ToString());
        var note = Assert.Single(run.ErrorLines, l => l.Contains("default support windows", StringComparison.Ordinal));
        Assert.Equal(
            "herald: no [policy] and no support statement for 1.1; using default support windows of 18 months general, 36 months security (source 'default'); set [policy] in herald.toml.",
            note);
    }

    [Fact]
    public async Task Status_NoPolicyAndNoStatement_TableShowsTheDefaultSource()
    {
        var run = await fixture.RunAsync(s_now, "status");

        var row = run.Out.Split('\n').Single(l => l.StartsWith("1.1 ", StringComparison.Ordinal));
        Assert.EndsWith(" default", row.TrimEnd());
        Assert.DoesNotContain(" policy", run.Out);
    }

    [Fact]
    public async Task Status_NoPolicy_JsonCarriesTheSourceOfEachSeries()
    {
        var run = await fixture.RunAsync(s_now, "status", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [("1.3", "default"), ("1.2", "default"), ("1.1", "default"), ("1.0", "statement")],
            run.Json().EnumerateArray().Select(e => (e.GetProperty("series").GetString(), e.GetProperty("source").GetString())));
    }
}
