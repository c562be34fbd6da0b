using Xunit;

namespace Herald.Tests.Announcements;

/// <summary>A project's templates beside its herald.toml replace Herald's; broken ones are reported by file.</summary>
public sealed class AnnouncementTemplateOverrideTests(AnnounceFixture fixture) : IClassFixture<AnnounceFixture>
{
    [Fact]
    public async Task Announce_OverrideBesideConfig_IsUsedWithTheModel()
    {
        var config = fixture.WriteFile("override/herald.toml", AnnounceFixture.ConfigText);
        fixture.WriteFile("override/templates/announce-point.liquid", """
            {% for r in releases %}* {{ r.version }} {{ r.branch }} {{ r.tag }} {{ r.status }} last={{ r.last_release }} <{{ r.release_url }}>
            {% endfor %}update: {{ update_series_text }}; today {{ today }}
            """);

        var result = await fixture.RunWithAsync(config, fixture.NewDataFolder(), "announce", "1.0.1", "1.1.1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "# Golden Fixture 1.0.1 and 1.1.1 are available\n\n"
            + "* 1.0.1 stable-1.0 RELEASE-1.0.1 eol last=true <https://herald.example.org/releases/1.0.1>\n"
            + "* 1.1.1 stable-1.1 RELEASE-1.1.1 supported last=false <https://herald.example.org/releases/1.1.1>\n"
            + "update: 1.1; today 2022-04-01\n",
            result.Out);
    }

    [Fact]
    public async Task Announce_OverrideWithSyntaxError_NamesTheFileAndFluidsError()
    {
        var config = fixture.WriteFile("broken/herald.toml", AnnounceFixture.ConfigText);
        var template = fixture.WriteFile("broken/templates/announce-major.liquid", "{% if stats.changesets %}never closed\n");

        var result = await fixture.RunWithAsync(config, fixture.NewDataFolder(), "announce", "1.1.0");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"herald: {template}: Liquid syntax error: ", line, StringComparison.Ordinal);
        Assert.Contains("endif", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announce_OverrideOfTheOtherKind_LeavesThisOneAlone()
    {
        var config = fixture.WriteFile("major-only/herald.toml", AnnounceFixture.ConfigText);
        fixture.WriteFile("major-only/templates/announce-major.liquid", "custom {{ release.version }}\n");

        var point = await fixture.RunWithAsync(config, fixture.NewDataFolder(), "announce", "1.1.1");
        var major = await fixture.RunWithAsync(config, fixture.NewDataFolder(), "announce", "1.1.0");

        Assert.Contains("We recommend that all users of the 1.1 stable series update", point.Out, StringComparison.Ordinal);
        Assert.Equal("# What's new in Golden Fixture 1.1\n\ncustom 1.1.0\n", major.Out);
    }
}
