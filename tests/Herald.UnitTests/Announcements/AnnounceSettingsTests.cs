using Herald.Announcements;
using Herald.Configuration;
using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Announcements;

public sealed class AnnounceSettingsTests
{
    [Fact]
    public void Load_AnnounceAndProjectUrl_ReadsEveryKey()
    {
        var config = Load("""
            [project]
            url = "https://herald.example.org/"

            [announce]
            policy_url = "https://example.org/policy"
            shortlog_url = "https://git.example.org/?a=shortlog;h=refs/heads/{branch}"
            release_manager = "Ann Lee"
            next_release_manager = "Bob Builder"
            sections = ["Features", "Improvements"]
            intro = "Hello."
            """);

        Assert.Equal(new Uri("https://herald.example.org/"), config.PortalUrl);
        Assert.Equal(new Uri("https://example.org/policy"), config.Announce.PolicyUrl);
        Assert.Equal("https://git.example.org/?a=shortlog;h=refs/heads/{branch}", config.Announce.ShortlogUrl);
        Assert.Equal("Ann Lee", config.Announce.ReleaseManager);
        Assert.Equal("Bob Builder", config.Announce.NextReleaseManager);
        Assert.Equal(["Features", "Improvements"], config.Announce.Sections);
        Assert.Equal("Hello.", config.Announce.Intro);
    }

    [Fact]
    public void Load_NoAnnounceTable_DefaultSections()
    {
        var config = Load("[project]\nname = \"X\"\n");

        Assert.Null(config.PortalUrl);
        Assert.Null(config.Announce.PolicyUrl);
        Assert.Equal(["New Features", "Improvements to Existing Functionality", "Multi-Release Long-Term Development"], config.Announce.Sections);
    }

    [Theory]
    [InlineData("[project]\nurl = \"ftp://example.org\"\n", "project.url \"ftp://example.org\" must be an absolute http or https URL")]
    [InlineData("[announce]\nshortlog_url = \"/log/{branch}\"\n", "announce.shortlog_url \"/log/{branch}\" must be an absolute http or https URL")]
    [InlineData("[announce]\nsections = [\"A\", \" \"]\n", "announce.sections holds an empty name")]
    [InlineData("[announce]\nmanager = \"x\"\n", "unknown key 'manager' in [announce]")]
    public void Load_BadAnnounceValue_NamesFileLineAndKey(string text, string message)
    {
        var error = Assert.Throws<HeraldException>(() => Load(text));

        Assert.Contains("herald.toml:2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static HeraldConfig Load(string text)
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        using var folder = TempDirectory.Create();
        var path = folder.WriteFile("herald.toml", text);
        return ConfigLoader.Load(GitRepository.Open(builder.Path), path, folder.Path);
    }
}
