using System.Text.Json;
using Herald.Tests.Policy;
using Xunit;

namespace Herald.Tests.Backports;

public sealed class BackportsCommandTests(BackportFixture fixture) : IClassFixture<BackportFixture>
{
    // With the default policy (18 / 36 months from X.Y.0) every series is supported on this day.
    private static readonly DateTimeOffset s_now = new(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Backports_Json_HasTheDocumentedKeys()
    {
        var run = await fixture.RunAsync(s_now, null, "backports", "1.1", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Superset(new HashSet<string> { "series", "branch", "since", "commits", "missing" }, ClockedRun.Keys(json).ToHashSet());
        Assert.All(json.GetProperty("commits").EnumerateArray(), c =>
            Assert.Superset(new HashSet<string> { "sha", "subject", "date", "kinds", "masterCommit", "advisories" }, ClockedRun.Keys(c).ToHashSet()));
        Assert.All(json.GetProperty("missing").EnumerateArray(), m =>
            Assert.Superset(new HashSet<string> { "sha", "subject", "presentIn" }, ClockedRun.Keys(m).ToHashSet()));
    }

    [Fact]
    public async Task Backports_Json_DescribesTheSeries()
    {
        var run = await fixture.RunAsync(s_now, null, "backports", "1.1", "--json");

        var json = run.Json();
        Assert.Equal("1.1", json.GetProperty("series").GetString());
        Assert.Equal("stable-1.1", json.GetProperty("branch").GetString());
        Assert.Equal("RELEASE-1.1.1", json.GetProperty("since").GetString());
        var commits = json.GetProperty("commits").EnumerateArray().ToList();
        Assert.Equal(
            [fixture.FixFOn11, fixture.CveWorkaroundOn11, fixture.BranchOnlyOn11, fixture.FixCOn11, fixture.FixBOn11, fixture.FixAOn11],
            commits.Select(c => c.GetProperty("sha").GetString()));
        Assert.Equal(
            ["backport", "security", "other", "backport", "backport", "backport"],
            commits.Select(c => string.Join(",", c.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()))));
        Assert.Equal(
            [fixture.FixF, null, null, fixture.FixC, fixture.FixB, fixture.FixA],
            commits.Select(c => c.GetProperty("masterCommit").GetString()));
        Assert.Equal("2020-08-10", commits[0].GetProperty("date").GetString());
        Assert.Equal("irq: fix lost interrupt", commits[0].GetProperty("subject").GetString());
        Assert.Equal(["CVE-2020-1234"], commits[1].GetProperty("advisories").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Backports_Json_ListsFixesTheNewerSeriesHas()
    {
        var run = await fixture.RunAsync(s_now, null, "backports", "1.1", "--json");

        var missing = run.Json().GetProperty("missing").EnumerateArray().ToList();
        Assert.Equal([fixture.FixE, fixture.FixD], missing.Select(m => m.GetProperty("sha").GetString()));
        Assert.Equal(["mm: fix leak", "x86: fix privilege escalation"], missing.Select(m => m.GetProperty("subject").GetString()));
        Assert.All(missing, m => Assert.Equal(["1.2"], m.GetProperty("presentIn").EnumerateArray().Select(p => p.GetString())));
    }

    [Fact]
    public async Task Backports_SecondRun_ReusesThePatchIdCacheAndAgrees()
    {
        var data = fixture.NewDataFolder();
        var first = await fixture.RunAsync(s_now, data, "backports", "1.1", "--json");
        var cache = Path.Combine(data, "cache", "patch-ids.txt");
        Assert.True(File.Exists(cache));
        var written = File.GetLastWriteTimeUtc(cache);
        var content = File.ReadAllText(cache);

        var second = await fixture.RunAsync(s_now, data, "backports", "1.1", "--json");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(content, File.ReadAllText(cache));
        Assert.Equal(written, File.GetLastWriteTimeUtc(cache));
    }

    [Fact]
    public async Task Backports_AsOf_OverridesTheClock()
    {
        var run = await fixture.RunAsync(s_now, null, "backports", "1.2", "--json", "--as-of", "2020-07-17");

        var json = run.Json();
        Assert.Equal("RELEASE-1.2.1", json.GetProperty("since").GetString());
        Assert.Contains(fixture.FixAOn12, json.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("sha").GetString()));
    }

    [Fact]
    public async Task Backports_NoSeries_ReportsEverySupportedSeries()
    {
        var run = await fixture.RunAsync(s_now, null, "backports", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(["1.2", "1.1", "1.0"], json.EnumerateArray().Select(r => r.GetProperty("series").GetString()));
    }

    [Fact]
    public async Task Backports_Table_ShowsKindsAndMissingFixes()
    {
        var run = await fixture.RunAsync(s_now, null, "backports", "1.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("stable-1.1", run.Out);
        Assert.Contains("RELEASE-1.1.1", run.Out);
        Assert.Contains("CVE-2020-1234", run.Out);
        Assert.Contains("x86: fix privilege escalation", run.Out);
        Assert.Contains("XSA-7", run.Out);
    }

    [Fact]
    public async Task Backports_UnknownSeries_ExitsOneWithOneLine()
    {
        var run = await fixture.RunAsync(s_now, null, "backports", "1.7", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("series 1.7 has no stable branch (stable-1.7)", line);
    }

    [Fact]
    public async Task Backports_NotASeries_ExitsOne()
    {
        var run = await fixture.RunAsync(s_now, null, "backports", "one.two");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'one.two' is not a series", Assert.Single(run.ErrorLines));
    }
}
