using Herald.Releases;
using Xunit;

namespace Herald.Tests.Releases;

public sealed class TagSchemeTests
{
    [Theory]
    [InlineData("RELEASE-4.9.0", "4.9.0")]
    [InlineData("RELEASE-4.10.2", "4.10.2")]
    [InlineData("RELEASE-4.9", "4.9.0")]
    public void TryParseRelease_XenTag_ReadsTheVersion(string tag, string version)
    {
        Assert.True(TagScheme.Xen.TryParseRelease(tag, out var parsed));
        Assert.Equal(ReleaseVersion.Parse(version), parsed);
    }

    [Theory]
    [InlineData("4.9.0")]
    [InlineData("4.9.0-rc1")]
    [InlineData("RELEASE-4.9.0-rc1")]
    [InlineData("xRELEASE-4.9.0")]
    [InlineData("release-4.9.0")]
    [InlineData("RELEASE-x.y.z")]
    public void TryParseRelease_OtherTag_ReturnsFalse(string tag)
    {
        Assert.False(TagScheme.Xen.TryParseRelease(tag, out _));
    }

    [Fact]
    public void TryParseCandidate_XenCandidate_ReadsVersionAndNumber()
    {
        Assert.True(TagScheme.Xen.TryParseCandidate("4.10.0-rc12", out var version, out var number));
        Assert.Equal(new ReleaseVersion(4, 10, 0), version);
        Assert.Equal(12, number);
    }

    [Theory]
    [InlineData("RELEASE-4.10.0")]
    [InlineData("4.10.0-rc")]
    [InlineData("4.10.0-rcX")]
    [InlineData("v4.10.0-rc1")]
    public void TryParseCandidate_OtherTag_ReturnsFalse(string tag)
    {
        Assert.False(TagScheme.Xen.TryParseCandidate(tag, out _, out _));
    }

    [Theory]
    [InlineData("stable-4.9", true, 4, 9)]
    [InlineData("stable-4.10", true, 4, 10)]
    [InlineData("stable-4.9.1", false, 0, 0)]
    [InlineData("stable-4", false, 0, 0)]
    [InlineData("staging-4.9", false, 0, 0)]
    [InlineData("origin/stable-4.9", false, 0, 0)]
    public void TryParseBranch_Name_ReadsTheSeries(string branch, bool expected, int major, int minor)
    {
        Assert.Equal(expected, TagScheme.Xen.TryParseBranch(branch, out var series));
        Assert.Equal(expected ? new SeriesId(major, minor) : default, series);
    }

    [Fact]
    public void PatternWithRegexCharacters_MatchesThemLiterally()
    {
        var scheme = new TagScheme("rel.{version}+final", "rel.{version}+rc{n}", "maint.{series}");

        Assert.True(scheme.TryParseRelease("rel.1.2.3+final", out var version));
        Assert.Equal(new ReleaseVersion(1, 2, 3), version);
        Assert.False(scheme.TryParseRelease("relX1.2.3+final", out _));
        Assert.False(scheme.TryParseRelease("rel.1.2.3final", out _));
        Assert.True(scheme.TryParseBranch("maint.2.0", out _));
        Assert.False(scheme.TryParseBranch("maintX2.0", out _));
    }

    [Fact]
    public void TagFor_Version_FillsThePattern()
    {
        Assert.Equal("RELEASE-4.10.0", TagScheme.Xen.TagFor(new ReleaseVersion(4, 10, 0)));
        Assert.Equal("v1.2.0", new TagScheme("v{version}", "v{version}-rc{n}", "release/{series}").TagFor(ReleaseVersion.Parse("1.2")));
    }

    [Fact]
    public void BranchFor_Series_FillsThePattern()
    {
        Assert.Equal("stable-4.10", TagScheme.Xen.BranchFor(new SeriesId(4, 10)));
        Assert.Equal("release/1.2", new TagScheme("v{version}", "v{version}-rc{n}", "release/{series}").BranchFor(new SeriesId(1, 2)));
    }

    [Fact]
    public void Xen_HasTheXenPatterns()
    {
        Assert.Equal("RELEASE-{version}", TagScheme.Xen.TagPattern);
        Assert.Equal("{version}-rc{n}", TagScheme.Xen.CandidatePattern);
        Assert.Equal("stable-{series}", TagScheme.Xen.BranchPattern);
        Assert.Equal("tags RELEASE-{version}, candidates {version}-rc{n}, branches stable-{series}", TagScheme.Xen.ToString());
    }

    [Theory]
    [InlineData("RELEASE-{version}")]
    [InlineData("v{version}")]
    [InlineData("{version}")]
    [InlineData("project/{version}")]
    public void Problem_ValidTagPattern_IsNull(string pattern)
    {
        Assert.Null(TagScheme.Problem(pattern, RefPatternKind.Tag));
    }

    [Fact]
    public void Problem_TagPatternWithoutVersion_SaysWhatIsMissingWithAnExample()
    {
        var problem = TagScheme.Problem("RELEASE-", RefPatternKind.Tag);

        Assert.Equal("the pattern \"RELEASE-\" has no {version}; write it where the value goes, e.g. \"RELEASE-{version}\"", problem);
    }

    [Fact]
    public void Problem_CandidatePatternWithoutN_SaysWhatIsMissing()
    {
        var problem = TagScheme.Problem("{version}-rc", RefPatternKind.Candidate);

        Assert.NotNull(problem);
        Assert.Contains("has no {n}", problem);
        Assert.Contains("\"{version}-rc{n}\"", problem);
    }

    [Fact]
    public void Problem_BranchPatternWithoutSeries_IsOneMaintenanceBranch()
    {
        Assert.Null(TagScheme.Problem("maint", RefPatternKind.Branch));
        Assert.True(new TagScheme("v{version}", "v{version}-rc{n}", "maint").HasSingleBranch);
    }

    [Theory]
    [InlineData("RELEASE-{version}-{bogus}")]
    [InlineData("RELEASE-{version}}")]
    [InlineData("{n}-{version}")]
    public void Problem_UnknownPlaceholder_SaysOnlyTheKnownOnesMayAppear(string pattern)
    {
        var problem = TagScheme.Problem(pattern, RefPatternKind.Tag);

        Assert.NotNull(problem);
        Assert.Contains("unknown placeholder", problem);
    }

    [Theory]
    [InlineData("RELEASE {version}")]
    [InlineData("RELEASE~{version}")]
    [InlineData("RELEASE^{version}")]
    [InlineData("RELEASE:{version}")]
    [InlineData("RELEASE?{version}")]
    [InlineData("RELEASE*{version}")]
    [InlineData("RELEASE[{version}")]
    [InlineData("RELEASE\\{version}")]
    [InlineData("-{version}")]
    public void Problem_CharacterGitRefuses_IsReported(string pattern)
    {
        var problem = TagScheme.Problem(pattern, RefPatternKind.Tag);

        Assert.NotNull(problem);
        Assert.Contains("does not allow in ref names", problem);
    }

    [Fact]
    public void Constructor_InvalidPattern_ThrowsArgumentExceptionNamingTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new TagScheme("RELEASE-{version}", "{version}-rc", "stable-{series}"));

        Assert.Equal("candidatePattern", error.ParamName);
        Assert.Contains("{n}", error.Message);
    }
}
