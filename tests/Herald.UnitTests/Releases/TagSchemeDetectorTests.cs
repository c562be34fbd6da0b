using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Releases;

public sealed class TagSchemeDetectorTests
{
    [Fact]
    public void Detect_XenTags_ChoosesTheXenScheme()
    {
        var (scheme, note) = Detect(
            ["RELEASE-4.8.0", "RELEASE-4.9.0", "RELEASE-4.9.1", "4.9.0-rc1", "4.10.0-rc2"],
            ["stable-4.8", "stable-4.9"]);

        Assert.Equal(("RELEASE-{version}", "{version}-rc{n}", "stable-{series}"), Patterns(scheme));
        Assert.Equal(
            "no herald.toml; detected tags RELEASE-{version}, candidates {version}-rc{n}, branches stable-{series} (3 release tags, 2 candidates, 2 stable branches)",
            note);
    }

    [Fact]
    public void Detect_VTags_ChoosesVPatternsForReleasesAndCandidates()
    {
        var (scheme, note) = Detect(["v1.0.0", "v1.1.0", "v1.2.0-rc1", "v1.2.0-rc2"], ["stable-1.0"]);

        Assert.Equal(("v{version}", "v{version}-rc{n}", "stable-{series}"), Patterns(scheme));
        Assert.Contains("2 release tags, 2 candidates, 1 stable branches", note);
    }

    [Fact]
    public void Detect_BareVersionTags_ChoosesVersionPattern()
    {
        var (scheme, _) = Detect(["1.0.0", "1.1.0", "1.2.0", "v0.9.0"], []);

        Assert.Equal("{version}", scheme.TagPattern);
        Assert.Equal("{version}-rc{n}", scheme.CandidatePattern);
    }

    [Fact]
    public void Detect_ProjectNameTags_ChoosesNamePattern()
    {
        var (scheme, note) = Detect(["herald-1.0.0", "herald-1.1.0", "herald-1.2.0-rc1", "other-0.1"], []);

        Assert.Equal("herald-{version}", scheme.TagPattern);
        Assert.Equal("herald-{version}-rc{n}", scheme.CandidatePattern);
        Assert.Contains("2 release tags, 1 candidates", note);
    }

    [Fact]
    public void Detect_SlashBranches_ChoosesSlashBranchPattern()
    {
        var (scheme, _) = Detect(["v1.0.0"], ["stable/1.0", "stable/1.1", "feature-x"]);

        Assert.Equal("stable/{series}", scheme.BranchPattern);
    }

    [Fact]
    public void Detect_NoCandidatesAndNoBranches_DerivesCandidateAndDefaultsBranch()
    {
        var (scheme, note) = Detect(["v1.0.0", "v2.0.0"], []);

        Assert.Equal(("v{version}", "v{version}-rc{n}", "stable-{series}"), Patterns(scheme));
        Assert.Contains("0 candidates, 0 stable branches", note);
    }

    [Fact]
    public void Detect_NoTags_AssumesXenStyleAndSaysSo()
    {
        var (scheme, note) = Detect([], []);

        Assert.Equal("RELEASE-{version}", scheme.TagPattern);
        Assert.Equal("stable-{series}", scheme.BranchPattern);
        Assert.Equal($"no herald.toml and no release tags found; assuming {scheme}", note);
    }

    private static (string, string, string) Patterns(TagScheme scheme) => (scheme.TagPattern, scheme.CandidatePattern, scheme.BranchPattern);

    private static (TagScheme Scheme, string Note) Detect(IReadOnlyList<string> tags, IReadOnlyList<string> branches)
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        foreach (var tag in tags)
        {
            builder.Tag(tag);
        }

        foreach (var branch in branches)
        {
            builder.Branch(branch);
        }

        return TagSchemeDetector.Detect(RefListing.Read(GitRepository.Open(builder.Path)));
    }
}
