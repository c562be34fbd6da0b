using Herald.Backports;
using Herald.History;
using Xunit;

namespace Herald.Tests.Backports;

public sealed class BackportTrailerTests
{
    [Fact]
    public void Fixes_XenTrailers_GivesTheIdsInOrderWithoutRepeats()
    {
        var trailers = TrailerParser.Parse("x86: fix\n\nFixes: F94360A7FE9B (\"xen: add bitmap\")\nFixes: 3ad3df1bd0aa (\"xen: add domctl\")\nFixes: f94360a7fe9b (\"xen: add bitmap\")\n");

        Assert.Equal(["f94360a7fe9b", "3ad3df1bd0aa"], BackportTrailer.Fixes(trailers));
    }

    [Fact]
    public void Fixes_ValueWithoutACommitId_IsSkipped()
    {
        var trailers = TrailerParser.Parse("x86: fix\n\nFixes: XSA-123\nFixes: abc (\"too short\")\n");

        Assert.Empty(BackportTrailer.Fixes(trailers));
    }

    [Fact]
    public void Fixes_TargetTheMessageAlsoCopies_IsSkipped()
    {
        // A backport squashing a fix and its follow-up: the follow-up's Fixes: names the fix itself.
        var fix = "880e40b187aa7c50cb32b20498aeed622f0062c7";
        var trailers = TrailerParser.Parse($"efi: fix boot\n\nFixes: 880e40b187aa (\"efi: fix boot\")\nFixes: 1234abcd5678 (\"efi: add boot\")\nmaster commit: {fix}\nmaster date: 2026-05-28 16:19:16 +0100\nmaster commit: {new string('7', 40)}\n");

        Assert.Equal(["1234abcd5678"], BackportTrailer.Fixes(trailers));
        Assert.Equal((fix, "trailer"), BackportTrailer.Find(trailers));
    }

    [Fact]
    public void Fixes_NoFixesTrailer_IsEmpty()
    {
        Assert.Empty(BackportTrailer.Fixes(TrailerParser.Parse($"x86: fix\n\nmaster commit: {new string('a', 40)}\n")));
    }
}
