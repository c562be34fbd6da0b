using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Herald.Tests.Cli;

public sealed class StatsCommandTests(CliRepoFixture fixture) : IClassFixture<CliRepoFixture>
{
    private static readonly string[] s_headlineKeys = ["from", "to", "changesets", "developers", "employers", "linesAdded", "linesRemoved", "reviews"];

    [Fact]
    public async Task Stats_Json_HasDocumentedKeys()
    {
        using var json = await StatsJsonAsync("1.1.0");

        var root = json.RootElement;
        foreach (var key in s_headlineKeys.Concat(["byDeveloper", "byEmployer", "previous", "growth"]))
        {
            Assert.True(root.TryGetProperty(key, out _), $"key '{key}' missing");
        }

        Assert.All(root.GetProperty("byDeveloper").EnumerateArray(), developer =>
        {
            foreach (var key in new[] { "name", "email", "employer", "changesets", "linesAdded", "linesRemoved", "reviews" })
            {
                Assert.True(developer.TryGetProperty(key, out _), $"byDeveloper key '{key}' missing");
            }
        });
        Assert.All(root.GetProperty("byEmployer").EnumerateArray(), employer =>
        {
            foreach (var key in new[] { "employer", "changesets", "developers", "linesAdded", "linesRemoved", "reviews" })
            {
                Assert.True(employer.TryGetProperty(key, out _), $"byEmployer key '{key}' missing");
            }
        });
    }

    [Fact]
    public async Task Stats_Json_TopLevelKeysAreExactlyTheContract()
    {
        using var json = await StatsJsonAsync("1.1.0");

        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            new[]
            {
                "from", "to", "changesets", "developers", "employers", "linesAdded", "linesRemoved", "reviews", "tests", "reports",
                "byDeveloper", "byEmployer", "byReviewer", "merged", "previous", "growth",
            },
            keys);
    }

    [Fact]
    public async Task Stats_JsonOfRelease_RangeStartsAtPreviousRelease()
    {
        using var json = await StatsJsonAsync("1.1.0");

        Assert.Equal("RELEASE-1.0.0", json.RootElement.GetProperty("from").GetString());
        Assert.Equal("RELEASE-1.1.0", json.RootElement.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Stats_JsonOfRelease_ChangesetsAreNonMergeCommitsOfTheRange()
    {
        using var json = await StatsJsonAsync("1.1.0");

        var expected = int.Parse(fixture.Repo.Git("rev-list", "--count", "--no-merges", "RELEASE-1.0.0..RELEASE-1.1.0"), CultureInfo.InvariantCulture);
        Assert.Equal(10, expected);
        Assert.Equal(expected, json.RootElement.GetProperty("changesets").GetInt32());
    }

    [Fact]
    public async Task Stats_JsonOfRelease_DevelopersEqualGitShortlogLines()
    {
        using var json = await StatsJsonAsync("1.1.0");

        var lines = fixture.Repo.Git("shortlog", "-sn", "--no-merges", "RELEASE-1.0.0..RELEASE-1.1.0").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, json.RootElement.GetProperty("developers").GetInt32());
        Assert.Equal(lines.Length, json.RootElement.GetProperty("byDeveloper").GetArrayLength());
    }

    [Fact]
    public async Task Stats_JsonOfRelease_LinesEqualGitNumstatSums()
    {
        using var json = await StatsJsonAsync("1.1.0");

        long added = 0, removed = 0;
        foreach (var line in fixture.Repo.Git("log", "--no-merges", "--numstat", "--format=", "RELEASE-1.0.0..RELEASE-1.1.0").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            added += fields[0] == "-" ? 0 : long.Parse(fields[0], CultureInfo.InvariantCulture);
            removed += fields[1] == "-" ? 0 : long.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        Assert.Equal(added, json.RootElement.GetProperty("linesAdded").GetInt64());
        Assert.Equal(removed, json.RootElement.GetProperty("linesRemoved").GetInt64());
    }

    [Fact]
    public async Task Stats_JsonOfRelease_EmployersFromConfiguredDomainMap()
    {
        using var json = await StatsJsonAsync("1.1.0");

        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("employers").GetInt32());
        var employers = root.GetProperty("byEmployer").EnumerateArray().ToDictionary(e => e.GetProperty("employer").GetString()!, e => e.GetProperty("changesets").GetInt32());
        Assert.Equal(4, employers["(Unknown)"]);
        Assert.Equal(3, employers["SUSE"]);
        Assert.Equal(2, employers["Citrix"]);
        Assert.Equal(1, employers["AMD"]);
    }

    [Fact]
    public async Task Stats_JsonOfRelease_ReviewsCreditedToReviewerAndEmployer()
    {
        using var json = await StatsJsonAsync("1.1.0");

        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("reviews").GetInt32());
        var bob = root.GetProperty("byDeveloper").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Bob Builder");
        Assert.Equal(2, bob.GetProperty("reviews").GetInt32());
        Assert.Equal("SUSE", bob.GetProperty("employer").GetString());
        Assert.Equal("bob@suse.com", bob.GetProperty("email").GetString());
        var suse = root.GetProperty("byEmployer").EnumerateArray().Single(e => e.GetProperty("employer").GetString() == "SUSE");
        Assert.Equal(2, suse.GetProperty("reviews").GetInt32());
    }

    [Fact]
    public async Task Stats_JsonOfRelease_PreviousHasHeadlineKeysAndGrowthIsPercent()
    {
        using var json = await StatsJsonAsync("1.1.0");

        var previous = json.RootElement.GetProperty("previous");
        Assert.Equal(JsonValueKind.Object, previous.ValueKind);
        foreach (var key in s_headlineKeys)
        {
            Assert.True(previous.TryGetProperty(key, out _), $"previous key '{key}' missing");
        }

        Assert.Equal(JsonValueKind.Null, previous.GetProperty("from").ValueKind);
        Assert.Equal("RELEASE-1.0.0", previous.GetProperty("to").GetString());
        Assert.Equal(4, previous.GetProperty("changesets").GetInt32());
        Assert.Equal(3, previous.GetProperty("employers").GetInt32());
        var growth = json.RootElement.GetProperty("growth");
        Assert.Equal(150.0, growth.GetProperty("changesets").GetDouble());
        Assert.Equal(0.0, growth.GetProperty("developers").GetDouble());
        Assert.Equal(33.3, growth.GetProperty("employers").GetDouble());
    }

    [Fact]
    public async Task Stats_JsonOfPointReleaseWithoutEarlierSeries_RangeFromPreviousButNoGrowth()
    {
        using var json = await StatsJsonAsync("1.0.1");

        var root = json.RootElement;
        Assert.Equal("RELEASE-1.0.0", root.GetProperty("from").GetString());
        Assert.Equal("RELEASE-1.0.1", root.GetProperty("to").GetString());
        Assert.Equal(1, root.GetProperty("changesets").GetInt32());

        // Like with like: 1.0.1 would compare with an x.y.1 of an earlier series; there is none, and
        // 1.0.0's whole development cycle is no measure for a point release.
        Assert.Equal(JsonValueKind.Null, root.GetProperty("previous").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("growth").ValueKind);
    }

    [Fact]
    public async Task Stats_JsonOfFirstRelease_PreviousAndGrowthNull()
    {
        using var json = await StatsJsonAsync("1.0.0");

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("from").ValueKind);
        Assert.Equal(4, json.RootElement.GetProperty("changesets").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("previous").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("growth").ValueKind);
    }

    [Fact]
    public async Task Stats_JsonOfRange_PreviousAndGrowthNull()
    {
        using var json = await StatsJsonAsync("RELEASE-1.0.0..RELEASE-1.1.0");

        Assert.Equal(10, json.RootElement.GetProperty("changesets").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("previous").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("growth").ValueKind);
    }

    [Fact]
    public async Task Stats_JsonOfRef_WholeHistoryOfThatRef()
    {
        using var json = await StatsJsonAsync("stable-1.0");

        var expected = int.Parse(fixture.Repo.Git("rev-list", "--count", "--no-merges", "stable-1.0"), CultureInfo.InvariantCulture);
        Assert.Equal(expected, json.RootElement.GetProperty("changesets").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("from").ValueKind);
        Assert.Equal("stable-1.0", json.RootElement.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Stats_Jobs1AndJobs3_IdenticalJson()
    {
        var one = await fixture.RunAsync("stats", "1.1.0", "--json", "--jobs", "1");
        var three = await fixture.RunAsync("stats", "1.1.0", "--json", "--jobs", "3");

        Assert.Equal(0, one.ExitCode);
        Assert.Equal(one.Out, three.Out);
    }

    [Fact]
    public async Task Stats_DataFolder_LineCountsCachedThereAndWarmRunIdentical()
    {
        var data = fixture.NewDataFolder();
        string[] args = ["stats", "1.1.0", "--json", "--repo", fixture.Repo.Path, "--config", fixture.ConfigPath, "--data", data];

        var cold = await fixture.RunRawAsync(args);
        var cache = Path.Combine(data, "cache", "line-counts.bin");
        var written = File.GetLastWriteTimeUtc(cache);
        var warm = await fixture.RunRawAsync(args);

        Assert.True(File.Exists(cache));
        Assert.Equal(written, File.GetLastWriteTimeUtc(cache));
        Assert.Equal(cold.Out, warm.Out);
        Assert.Empty(Directory.GetFileSystemEntries(fixture.DataHome));
    }

    [Fact]
    public async Task Stats_Piped_HeadlineTableComparesWithPreviousRelease()
    {
        var result = await fixture.RunAsync("stats", "1.1.0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Equal("Statistics of RELEASE-1.0.0..RELEASE-1.1.0", result.OutLines[0]);
        Assert.Contains("Previous (RELEASE-1.0.0)", result.OutLines[1], StringComparison.Ordinal);
        var changesets = result.OutLines.Single(l => l.StartsWith("Changesets ", StringComparison.Ordinal));
        Assert.Matches(@"^Changesets\s+10\s+4\s+\+150\.0%$", changesets);
        Assert.DoesNotContain("\u001b", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_PipedWithLimit_TablesCutAndTitlesSaySo()
    {
        var result = await fixture.RunAsync("stats", "1.1.0", "--limit", "1");

        Assert.Contains("Developers (top 1 of 4)", result.OutLines);
        Assert.Contains("Employers (top 1 of 4)", result.OutLines);
        var developers = result.OutLines.SkipWhile(l => l != "Developers (top 1 of 4)").Skip(2).TakeWhile(l => l.Length > 0).ToList();
        Assert.Single(developers);
        Assert.StartsWith("Alice Example", developers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_PipedLimitZero_EveryRow()
    {
        var result = await fixture.RunAsync("stats", "1.1.0", "--limit", "0");

        Assert.Contains("Developers (4)", result.OutLines);
        Assert.Contains("Reviewers (3)", result.OutLines);
    }

    private async Task<JsonDocument> StatsJsonAsync(string target)
    {
        var result = await fixture.RunAsync("stats", target, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        return JsonDocument.Parse(result.Out);
    }
}
