using System.Text.Json;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>
/// <c>stats</c> and <c>shortlog</c> on a release whose range has one person under two name forms (Monné 2,
/// Monne 1), one under two cases of the name (ISHII, Ishii) and two people sharing a noreply address.
/// </summary>
public sealed class StatsCommandNameVariantsTests : IDisposable
{
    private const string Range = "RELEASE-1.0.0..RELEASE-1.1.0";

    private readonly RepoBuilder _repo = RepoBuilder.Create();
    private readonly TempDirectory _files = TempDirectory.Create();

    public StatsCommandNameVariantsTests() =>
        _repo.CommitsBy("Ann Lee <ann@citrix.com>").Tag("RELEASE-1.0.0")
            .CommitsBy("Roger Pau Monne <roger.pau@citrix.com>")
            .CommitsBy("Roger Pau Monné <roger.pau@citrix.com>", 2)
            .CommitsBy("Reima ISHII <ishiir@g.ecc.u-tokyo.ac.jp>")
            .CommitsBy("Reima Ishii <reima@home.example.org>")
            .CommitsBy("Bot One <noreply@example.org>")
            .CommitsBy("Bot Two <noreply@example.org>")
            .Tag("RELEASE-1.1.0");

    public void Dispose()
    {
        _repo.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Stats_Json_MergedListsEachJoinedDeveloperWithItsVariants()
    {
        using var json = await JsonAsync("stats", "1.1.0", "--json");

        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("developers").GetInt32());
        var merged = root.GetProperty("merged").EnumerateArray().ToList();
        Assert.Equal(2, merged.Count);
        Assert.Equal(["name", "variants"], merged[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Roger Pau Monné", merged[0].GetProperty("name").GetString());
        var variants = merged[0].GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(["name", "email", "changesets"], variants[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            new[] { ("Roger Pau Monné", "roger.pau@citrix.com", 2), ("Roger Pau Monne", "roger.pau@citrix.com", 1) },
            variants.Select(v => (v.GetProperty("name").GetString()!, v.GetProperty("email").GetString()!, v.GetProperty("changesets").GetInt32())));
        Assert.Equal("Reima Ishii", merged[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Stats_ExactNames_DevelopersEqualGitShortlogLines()
    {
        using var json = await JsonAsync("stats", "1.1.0", "--json", "--exact-names");

        var lines = _repo.Git("shortlog", "-sn", "--no-merges", Range).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Equal(lines.Length, json.RootElement.GetProperty("developers").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("merged").GetArrayLength());
    }

    [Fact]
    public async Task Stats_Table_NamesTheJoinsInOneLineOnStandardError()
    {
        var result = await RunAsync("stats", "1.1.0");

        Assert.Equal(0, result.ExitCode);
        var note = Assert.Single(result.ErrorLines, l => l.Contains("merged", StringComparison.Ordinal));
        Assert.Equal("herald: merged 4 identities into 2 developers with name variants: Roger Pau Monné (2 forms), Reima Ishii (2 forms) (--exact-names counts them apart).", note);
        Assert.DoesNotContain(result.OutLines, l => l.Contains("Roger Pau Monne", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stats_TableWithExactNames_NoMergeNote()
    {
        var result = await RunAsync("stats", "1.1.0", "--exact-names");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(result.ErrorLines, l => l.Contains("merged", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.Contains("Roger Pau Monne", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shortlog_Summary_JoinsVariants()
    {
        var result = await RunAsync("shortlog", "1.1.0", "--summary");

        Assert.Equal(["     3\tRoger Pau Monné", "     2\tReima Ishii", "     1\tBot One", "     1\tBot Two"], result.OutLines);
    }

    [Fact]
    public async Task Shortlog_SummaryWithExactNames_EqualsGitShortlogSn()
    {
        var result = await RunAsync("shortlog", "1.1.0", "--summary", "--exact-names");

        Assert.Equal(_repo.Git("shortlog", "-sn", "--no-merges", Range), result.Out.TrimEnd('\n'));
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--repo", _repo.Path, "--data", _files.CreateSubdirectory("data-" + Guid.NewGuid().ToString("N"))], _files.Path, _files.CreateSubdirectory("xdg"));

    private async Task<JsonDocument> JsonAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        return JsonDocument.Parse(result.Out);
    }
}
