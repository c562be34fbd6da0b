using System.Text.Json;
using Xunit;

namespace Herald.Tests.Policy;

public sealed class StatusCommandTests(SeriesStatusFixture fixture) : IClassFixture<SeriesStatusFixture>
{
    private static readonly DateTimeOffset s_now = new(2021, 10, 1, 8, 30, 0, TimeSpan.Zero);

    private static string[] ExpectedKeys { get; } =
        ["series", "branch", "status", "released", "supportedUntil", "securityUntil", "latest", "latestDate", "unreleasedCommits", "pointReleaseDue", "source"];

    private static JsonElement Series(JsonElement array, string series) =>
        array.EnumerateArray().Single(e => e.GetProperty("series").GetString() == series);

    [Fact]
    public async Task Status_Json_HasEveryDocumentedKeyNewestFirst()
    {
        var run = await fixture.RunAsync(s_now, "status", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(["1.3", "1.2", "1.1", "1.0"], json.EnumerateArray().Select(e => e.GetProperty("series").GetString()));
        Assert.All(json.EnumerateArray(), e => Assert.Superset(ExpectedKeys.ToHashSet(), ClockedRun.Keys(e).ToHashSet()));
    }

    [Fact]
    public async Task Status_Json_WritesValuesAsDocumented()
    {
        var run = await fixture.RunAsync(s_now, "status", "--json");

        var row = Series(run.Json(), "1.2");
        Assert.Equal("stable-1.2", row.GetProperty("branch").GetString());
        Assert.Equal("security", row.GetProperty("status").GetString());
        Assert.Equal("2021-02-01", row.GetProperty("released").GetString());
        Assert.Equal("2021-09-15", row.GetProperty("supportedUntil").GetString());
        Assert.Equal("2025-01-01", row.GetProperty("securityUntil").GetString());
        Assert.Equal("1.2.1", row.GetProperty("latest").GetString());
        Assert.Equal("2021-03-01", row.GetProperty("latestDate").GetString());
        Assert.Equal(1, row.GetProperty("unreleasedCommits").GetInt32());
        Assert.True(row.GetProperty("pointReleaseDue").GetBoolean());
        Assert.Equal("config", row.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Status_Json_SourcesAndStatusesOfEverySeries()
    {
        var run = await fixture.RunAsync(s_now, "status", "--json");

        var json = run.Json();
        Assert.Equal(
            [("1.3", "development", "policy"), ("1.2", "security", "config"), ("1.1", "eol", "statement"), ("1.0", "security", "policy")],
            json.EnumerateArray().Select(e => (e.GetProperty("series").GetString(), e.GetProperty("status").GetString(), e.GetProperty("source").GetString())));
        var development = Series(json, "1.3");
        Assert.Equal(JsonValueKind.Null, development.GetProperty("branch").ValueKind);
        Assert.Equal(JsonValueKind.Null, development.GetProperty("released").ValueKind);
        Assert.Equal(JsonValueKind.Null, development.GetProperty("latest").ValueKind);
    }

    [Fact]
    public async Task Status_NoAsOf_UsesTheClocksToday()
    {
        var today = await fixture.RunAsync(s_now, "status", "--json");
        var explicitDate = await fixture.RunAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), "status", "--json", "--as-of", "2021-10-01");
        var dayBefore = await fixture.RunAsync(s_now, "status", "--json", "--as-of", "2021-09-30");

        Assert.Equal(explicitDate.Out, today.Out);
        Assert.NotEqual(dayBefore.Out, today.Out);
        Assert.Equal("eol", Series(today.Json(), "1.1").GetProperty("status").GetString());
        Assert.Equal("security", Series(dayBefore.Json(), "1.1").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_ClockJustBeforeMidnightUtc_IsStillThatDay()
    {
        var run = await fixture.RunAsync(new DateTimeOffset(2021, 9, 30, 23, 59, 0, TimeSpan.Zero), "status", "--json");

        Assert.Equal("security", Series(run.Json(), "1.1").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_StatementDisagreesWithConfig_WarnsOnStandardError()
    {
        var run = await fixture.RunAsync(s_now, "status", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.ErrorLines.Count(l => l.StartsWith("herald: warning: stable-1.2:SUPPORT.md gives", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Status_MalformedAsOf_ExitsOneWithOneLine()
    {
        var run = await fixture.RunAsync(s_now, "status", "--as-of", "2020-13-01");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--as-of '2020-13-01' is not a date", line);
    }

    [Fact]
    public async Task Status_FormatEndOfLife_WritesReleaseCycles()
    {
        var run = await fixture.RunAsync(s_now, "status", "--format", "endoflife");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal(["1.2", "1.1", "1.0"], json.EnumerateArray().Select(e => e.GetProperty("cycle").GetString()));
        var first = json[0];
        Assert.Equal(["cycle", "releaseDate", "support", "eol", "latest", "latestReleaseDate", "lts"], ClockedRun.Keys(first));
        Assert.Equal("2021-02-01", first.GetProperty("releaseDate").GetString());
        Assert.Equal("2021-09-15", first.GetProperty("support").GetString());
        Assert.Equal("2025-01-01", first.GetProperty("eol").GetString());
        Assert.Equal("1.2.1", first.GetProperty("latest").GetString());
        Assert.Equal("2021-03-01", first.GetProperty("latestReleaseDate").GetString());
        Assert.False(first.GetProperty("lts").GetBoolean());
    }

    [Fact]
    public async Task Status_UnknownFormat_IsAUsageError()
    {
        var run = await fixture.RunAsync(s_now, "status", "--format", "yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task Status_Table_ShowsEverySeriesAndItsSource()
    {
        var run = await fixture.RunAsync(s_now, "status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2021-10-01", run.Out);
        foreach (var expected in new[] { "1.3", "development", "1.2", "config", "1.1", "eol", "statement", "1.0", "policy" })
        {
            Assert.Contains(expected, run.Out);
        }
    }

    [Fact]
    public async Task Status_StatedPolicy_NotesNoDefaults()
    {
        var run = await fixture.RunAsync(s_now, "status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(run.ErrorLines, l => l.Contains("default support windows", StringComparison.Ordinal));
        Assert.DoesNotContain(" default", run.Out);
    }
}
