using Herald.History;
using Xunit;

namespace Herald.Tests.History;

public sealed class RevisionNameTests
{
    [Theory]
    [InlineData("master")]
    [InlineData("RELEASE-4.9.0")]
    [InlineData("^RELEASE-4.8.0")]
    [InlineData("refs/tags/RELEASE-4.9.0")]
    [InlineData("stable-4.9")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    [InlineData("HEAD")]
    public void Validate_GoodRevision_Passes(string revision)
    {
        var error = Record.Exception(() => RevisionName.Validate(revision));

        Assert.Null(error);
    }

    [Theory]
    [InlineData("-rf")]
    [InlineData("--output=/tmp/x")]
    [InlineData("^--all")]
    [InlineData("")]
    [InlineData("^")]
    [InlineData("has space")]
    [InlineData("a:b")]
    [InlineData("what?")]
    [InlineData("glob*")]
    [InlineData("br[ack")]
    [InlineData("back\\slash")]
    [InlineData("line\nbreak")]
    public void Validate_BadRevision_ThrowsHeraldException(string revision)
    {
        var error = Assert.Throws<HeraldException>(() => RevisionName.Validate(revision));

        Assert.Contains("not a valid revision", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Validate_LeadingDash_NamesTheRevision()
    {
        var error = Assert.Throws<HeraldException>(() => RevisionName.Validate("--upload-pack=evil"));

        Assert.Contains("'--upload-pack=evil'", error.Message);
    }

    [Fact]
    public void Arguments_RevisionStartingWithDash_IsRejectedBeforeGitRuns()
    {
        Assert.Throws<HeraldException>(() => CommitLog.Arguments(new LogRequest(["-p"])));
    }

    [Fact]
    public void Arguments_Revisions_ComeAfterEndOfOptions()
    {
        var arguments = CommitLog.Arguments(new LogRequest(["master", "^stable"]) { NoMerges = true, WithLines = true });

        var end = arguments.ToList().IndexOf("--end-of-options");
        Assert.True(end > 0);
        Assert.Equal(["master", "^stable", "--"], arguments.Skip(end + 1));
        Assert.Contains("--no-merges", arguments);
        Assert.Contains("--numstat", arguments);
    }
}
