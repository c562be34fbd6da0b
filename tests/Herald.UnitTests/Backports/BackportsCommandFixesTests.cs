using Herald.Tests.Policy;
using Xunit;

namespace Herald.Tests.Backports;

/// <summary><c>herald backports</c> with fixes for code a branch never had.</summary>
public sealed class BackportsCommandFixesTests(BackportFixesFixture fixture) : IClassFixture<BackportFixesFixture>
{
    [Fact]
    public async Task Backports_Json_ListsNotApplicableFixesWithTheirTargets()
    {
        var run = await fixture.RunAsync("backports", "1.0", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        var notApplicable = json.GetProperty("notApplicable").EnumerateArray().ToList();
        Assert.All(notApplicable, n =>
            Assert.Equal(["sha", "subject", "fixes", "introducedIn", "presentIn", "advisories"], ClockedRun.Keys(n)));
        Assert.Equal([fixture.FixOfLate, fixture.FixOfNew], notApplicable.Select(n => n.GetProperty("sha").GetString()));
        Assert.Equal(["x86: fix late feature", "x86: fix new feature"], notApplicable.Select(n => n.GetProperty("subject").GetString()));
        Assert.Equal([fixture.NewFeature], notApplicable[1].GetProperty("fixes").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("1.1.0", notApplicable[1].GetProperty("introducedIn").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, notApplicable[0].GetProperty("introducedIn").ValueKind);
        Assert.Equal(["1.1"], notApplicable[1].GetProperty("presentIn").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Backports_Json_KeepsFixesOfCodeTheBranchHasInMissing()
    {
        var run = await fixture.RunAsync("backports", "1.0", "--json");

        var missing = run.Json().GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("sha").GetString()).ToList();
        Assert.Equal([fixture.FixOfUnknown, fixture.FixPlain, fixture.FixOfBoth, fixture.FixOfCredit, fixture.FixOfTimer, fixture.FixOfPool, fixture.FixOfOld], missing);
    }

    [Fact]
    public async Task Backports_NewestSeries_HasAnEmptyNotApplicableList()
    {
        var run = await fixture.RunAsync("backports", "1.1", "--json");

        Assert.Equal(0, run.Json().GetProperty("notApplicable").GetArrayLength());
    }

    [Fact]
    public async Task Backports_Table_ShowsNotApplicableFixesInTheirOwnSection()
    {
        var run = await fixture.RunAsync("backports", "1.0");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n');
        var missing = Array.FindIndex(lines, l => l.StartsWith("Missing on stable-1.0: 7 fixes", StringComparison.Ordinal));
        var notApplicable = Array.FindIndex(lines, l => l.StartsWith("Not applicable on stable-1.0: 2 fixes for code introduced after this series", StringComparison.Ordinal));
        Assert.True(missing >= 0 && notApplicable > missing, run.Out);
        var section = string.Join('\n', lines[notApplicable..]);
        Assert.Contains(fixture.FixOfNew[..12], section);
        Assert.Contains(fixture.NewFeature[..12], section);
        Assert.Contains("1.1.0", section);
        Assert.Contains("x86: fix new feature", section);
        Assert.DoesNotContain("x86: fix old feature", section);
    }
}
