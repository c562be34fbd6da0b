using Herald.History;
using Xunit;

namespace Herald.Tests.History;

public sealed class TrailerTests
{
    [Theory]
    [InlineData("Jan Beulich <jbeulich@suse.com>", "Jan Beulich", "jbeulich@suse.com")]
    [InlineData("\"Doe, John\" <john@example.com>", "Doe, John", "john@example.com")]
    [InlineData("  Spaced Out   < spaced@example.com >", "Spaced Out", "spaced@example.com")]
    [InlineData("<only@example.com>", "", "only@example.com")]
    [InlineData("Just A Name", "Just A Name", "")]
    [InlineData("Broken > order <", "Broken > order <", "")]
    public void Person_Value_SplitsNameAndEmail(string value, string name, string email)
    {
        Assert.Equal((name, email), new Trailer(TrailerKeys.ReviewedBy, value).Person);
    }

    [Fact]
    public void Parse_KnownKeysInAnyCase_UsesCanonicalSpelling()
    {
        var trailers = TrailerParser.Parse("Subject\n\nsigned-off-by: A <a@example.com>\nREVIEWED-BY: B <b@example.com>\nacked-By:C <c@example.com>\n");

        Assert.Equal(
            [
                new Trailer(TrailerKeys.SignedOffBy, "A <a@example.com>"),
                new Trailer(TrailerKeys.ReviewedBy, "B <b@example.com>"),
                new Trailer(TrailerKeys.AckedBy, "C <c@example.com>"),
            ],
            trailers);
    }

    [Fact]
    public void Parse_UnknownKeysAndEmptyValues_AreIgnored()
    {
        var trailers = TrailerParser.Parse("Subject\n\nCc: someone@example.com\nSuggested-by: A <a@example.com>\nSigned-off-by:\nLink: https://example.com\n");

        Assert.Empty(trailers);
    }

    [Fact]
    public void Parse_XenBackportLines_GivesMasterCommitAndDate()
    {
        var sha = new string('c', 40);

        var trailers = TrailerParser.Parse($"x86: fix\n\nmaster commit: {sha}\nmaster date: 2020-01-01 12:00:00 +0100\n");

        Assert.Equal(
            [new Trailer(TrailerKeys.MasterCommit, sha), new Trailer(TrailerKeys.MasterDate, "2020-01-01 12:00:00 +0100")],
            trailers);
    }

    [Fact]
    public void Parse_FixesLine_GivesTheTargetWithItsSubject()
    {
        var trailer = Assert.Single(TrailerParser.Parse("Fix\n\nfixes: 1234abcd5678 (\"x86: thing\")\n"));

        Assert.Equal(new Trailer(TrailerKeys.Fixes, "1234abcd5678 (\"x86: thing\")"), trailer);
    }

    [Fact]
    public void Parse_CherryPickLine_GivesTheOriginalSha()
    {
        var sha = new string('d', 40);

        var trailer = Assert.Single(TrailerParser.Parse($"Fix\n\n(cherry picked from commit {sha})\n"));

        Assert.Equal(new Trailer(TrailerKeys.CherryPickedFrom, sha), trailer);
    }

    [Fact]
    public void Parse_MessageWithoutTrailers_IsEmpty()
    {
        Assert.Empty(TrailerParser.Parse("Just a subject"));
    }
}
