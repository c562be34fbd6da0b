using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Herald.Tests.Cli;

public sealed class ReleasesCommandTests(CliRepoFixture fixture) : IClassFixture<CliRepoFixture>
{
    [Fact]
    public async Task Releases_Piped_PrintsHeaderAndOneLinePerReleaseNewestFirst()
    {
        var result = await fixture.RunAsync("releases");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var lines = result.OutLines;
        Assert.Equal(4, lines.Count);
        Assert.Equal(new[] { "Version", "Series", "Tag", "Date", "Signed", "Commit", "Branch" }, Regex.Split(lines[0].Trim(), " {2,}"));
        Assert.StartsWith("1.1.0 ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("1.0.1 ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("1.0.0 ", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Releases_Piped_ColumnsAlignedWithoutBordersOrEscapes()
    {
        var result = await fixture.RunAsync("releases");

        var lines = result.OutLines;
        var header = lines[0];
        foreach (var column in new[] { "Series", "Tag", "Date", "Signed", "Commit", "Branch" })
        {
            var start = header.IndexOf(column, StringComparison.Ordinal);
            Assert.All(lines.Skip(1), line =>
            {
                Assert.True(line.Length > start, $"'{line}' ends before column {column}");
                Assert.NotEqual(' ', line[start]);
                Assert.Equal(' ', line[start - 1]);
            });
        }

        Assert.DoesNotContain("\u001b", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("│", result.Out, StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
    }

    [Fact]
    public async Task Releases_Piped_RowShowsSeriesTagDateSignatureCommitAndBranch()
    {
        var result = await fixture.RunAsync("releases");

        var row = Regex.Split(result.OutLines[1], " {2,}");
        var sha = fixture.Repo.ShaOf("RELEASE-1.1.0^{commit}");
        Assert.Equal(new[] { "1.1.0", "1.1", "RELEASE-1.1.0", "2021-02-16", "yes", sha[..12], "stable-1.1" }, row);
        Assert.Equal("no", Regex.Split(result.OutLines[3], " {2,}")[4]);
    }

    [Fact]
    public async Task Releases_Json_ArrayOfObjectsWithDocumentedKeys()
    {
        var result = await fixture.RunAsync("releases", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(3, json.RootElement.GetArrayLength());
        foreach (var release in json.RootElement.EnumerateArray())
        {
            foreach (var key in new[] { "version", "series", "tag", "commit", "date", "signed", "candidate" })
            {
                Assert.True(release.TryGetProperty(key, out _), $"key '{key}' missing in {release}");
            }

            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", release.GetProperty("date").GetString());
            Assert.Matches("^[0-9a-f]{40}$", release.GetProperty("commit").GetString());
            Assert.False(release.GetProperty("candidate").GetBoolean());
        }
    }

    [Fact]
    public async Task Releases_Json_ValuesDescribeTheTags()
    {
        var result = await fixture.RunAsync("releases", "--json");

        using var json = JsonDocument.Parse(result.Out);
        var newest = json.RootElement[0];
        Assert.Equal("1.1.0", newest.GetProperty("version").GetString());
        Assert.Equal("1.1", newest.GetProperty("series").GetString());
        Assert.Equal("RELEASE-1.1.0", newest.GetProperty("tag").GetString());
        Assert.Equal(fixture.Repo.ShaOf("RELEASE-1.1.0^{commit}"), newest.GetProperty("commit").GetString());
        Assert.Equal("2021-02-16", newest.GetProperty("date").GetString());
        Assert.True(newest.GetProperty("signed").GetBoolean());
        Assert.False(json.RootElement[1].GetProperty("signed").GetBoolean());
        Assert.Equal(new[] { "1.1.0", "1.0.1", "1.0.0" }, json.RootElement.EnumerateArray().Select(r => r.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Releases_Json_WritesNothingOnStderr()
    {
        var result = await fixture.RunAsync("releases", "--json");

        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Releases_Candidates_ListedAfterTheirReleaseOnlyWhenAsked()
    {
        var without = await fixture.RunAsync("releases", "--json");
        var with = await fixture.RunAsync("releases", "--json", "--candidates");

        using var withoutJson = JsonDocument.Parse(without.Out);
        using var withJson = JsonDocument.Parse(with.Out);
        Assert.DoesNotContain(withoutJson.RootElement.EnumerateArray(), r => r.GetProperty("candidate").GetBoolean());
        Assert.Equal(
            new[] { "1.1.0", "1.1.0-rc1", "1.0.1", "1.0.0", "1.0.0-rc1" },
            withJson.RootElement.EnumerateArray().Select(r => r.GetProperty("version").GetString()));
        var rc = withJson.RootElement[1];
        Assert.True(rc.GetProperty("candidate").GetBoolean());
        Assert.Equal("1.1.0-rc1", rc.GetProperty("tag").GetString());
        Assert.Equal("1.1", rc.GetProperty("series").GetString());
    }

    [Fact]
    public async Task Releases_CandidatesPiped_ShowsCandidateRows()
    {
        var result = await fixture.RunAsync("releases", "--candidates");

        Assert.Equal(6, result.OutLines.Count);
        Assert.Contains(result.OutLines, line => line.StartsWith("1.0.0-rc1 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Releases_Series_OnlyThatSeries()
    {
        var result = await fixture.RunAsync("releases", "--json", "--series", "1.0");

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(new[] { "1.0.1", "1.0.0" }, json.RootElement.EnumerateArray().Select(r => r.GetProperty("version").GetString()));
        Assert.All(json.RootElement.EnumerateArray(), r => Assert.Equal("stable-1.0", r.GetProperty("branch").GetString()));
    }

    [Fact]
    public async Task Releases_SeriesWithCandidates_IncludesThatSeriesCandidatesOnly()
    {
        var result = await fixture.RunAsync("releases", "--json", "--series", "1.1", "--candidates");

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(new[] { "1.1.0", "1.1.0-rc1" }, json.RootElement.EnumerateArray().Select(r => r.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Releases_SeriesWithoutReleases_EmptyArray()
    {
        var result = await fixture.RunAsync("releases", "--json", "--series", "9.9");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Releases_DataFolderGiven_NothingWrittenToDataHome()
    {
        var result = await fixture.RunAsync("releases");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(fixture.DataHome));
    }
}
