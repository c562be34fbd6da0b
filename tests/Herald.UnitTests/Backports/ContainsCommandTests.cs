using System.Text.Json;
using Herald.Tests.Policy;
using Xunit;

namespace Herald.Tests.Backports;

public sealed class ContainsCommandTests(BackportFixture fixture) : IClassFixture<BackportFixture>
{
    private static readonly DateTimeOffset s_now = new(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);

    private static List<(string? Branch, string? Series, string? Commit, string? Release)> Branches(JsonElement json) =>
        [.. json.GetProperty("branches").EnumerateArray().Select(b => (
            b.GetProperty("branch").GetString(),
            b.GetProperty("series").GetString(),
            b.GetProperty("commit").GetString(),
            b.GetProperty("release").GetString()))];

    [Fact]
    public async Task Contains_Json_HasTheDocumentedKeys()
    {
        var run = await fixture.RunAsync(s_now, null, "contains", fixture.FixZ, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Superset(new HashSet<string> { "commit", "subject", "branches" }, ClockedRun.Keys(json).ToHashSet());
        Assert.All(json.GetProperty("branches").EnumerateArray(), b =>
            Assert.Superset(new HashSet<string> { "branch", "series", "commit", "release" }, ClockedRun.Keys(b).ToHashSet()));
    }

    [Fact]
    public async Task Contains_FixBeforeAFork_ListsMasterAndEveryBranchWithFirstReleases()
    {
        var run = await fixture.RunAsync(s_now, null, "contains", fixture.FixZ, "--json");

        var json = run.Json();
        Assert.Equal(fixture.FixZ, json.GetProperty("commit").GetString());
        Assert.Equal("xen: fix early boot", json.GetProperty("subject").GetString());
        Assert.Equal(
            [("master", null, fixture.FixZ, "1.2.0"), ("stable-1.2", "1.2", fixture.FixZ, "1.2.0"), ("stable-1.1", "1.1", fixture.FixZOn11, "1.1.1")],
            Branches(json));
    }

    [Fact]
    public async Task Contains_UnreleasedFix_HasNullReleases()
    {
        var run = await fixture.RunAsync(s_now, null, "contains", fixture.FixA, "--json");

        Assert.Equal(
            [("master", null, fixture.FixA, null), ("stable-1.2", "1.2", fixture.FixAOn12, "1.2.2"), ("stable-1.1", "1.1", fixture.FixAOn11, null)],
            Branches(run.Json()));
    }

    [Fact]
    public async Task Contains_AbbreviatedSha_GivesTheSameAnswer()
    {
        var full = await fixture.RunAsync(s_now, null, "contains", fixture.FixA, "--json");
        var abbreviated = await fixture.RunAsync(s_now, null, "contains", fixture.FixA[..8], "--json");

        Assert.Equal(0, abbreviated.ExitCode);
        Assert.Equal(full.Out, abbreviated.Out);
    }

    [Fact]
    public async Task Contains_BackportSha_GivesTheSameAnswerAsTheMasterSha()
    {
        var master = await fixture.RunAsync(s_now, null, "contains", fixture.FixA, "--json");
        var backport = await fixture.RunAsync(s_now, null, "contains", fixture.FixAOn11, "--json");

        Assert.Equal(0, backport.ExitCode);
        Assert.Equal(master.Out, backport.Out);
    }

    [Fact]
    public async Task Contains_PatchIdOnlyCopies_AreListed()
    {
        var run = await fixture.RunAsync(s_now, null, "contains", fixture.FixC, "--json");

        Assert.Equal(
            [("master", null, fixture.FixC, null), ("stable-1.2", "1.2", fixture.FixCOn12, null), ("stable-1.1", "1.1", fixture.FixCOn11, null)],
            Branches(run.Json()));
    }

    [Fact]
    public async Task Contains_Table_ShowsBranchesAndReleases()
    {
        var run = await fixture.RunAsync(s_now, null, "contains", fixture.FixZ);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("xen: fix early boot", run.Out);
        Assert.Contains("stable-1.1", run.Out);
        Assert.Contains("1.1.1", run.Out);
        Assert.Contains("1.2.0", run.Out);
    }

    [Fact]
    public async Task Contains_UnknownSha_ExitsOneWithOneLine()
    {
        var run = await fixture.RunAsync(s_now, null, "contains", "deadbeefdeadbeef", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("herald: unknown commit 'deadbeefdeadbeef'", line);
    }

    [Fact]
    public async Task Contains_RevisionWithAColon_ExitsOneWithOneLine()
    {
        var run = await fixture.RunAsync(s_now, null, "contains", "HEAD:file.txt", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }
}
