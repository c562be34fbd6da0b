using Herald.History;
using Xunit;

namespace Herald.Tests.History;

public sealed class SubjectPrefixGroupTests
{
    [Fact]
    public void Group_SpellingsDifferingInCase_AreOneGroupNamedByTheCommonestSpelling()
    {
        string[] subjects = ["x86/HVM: one", "x86/hvm: two", "x86/hvm: three", "arm: four", "no prefix here"];

        var groups = SubjectPrefix.Group(subjects, s => s);

        Assert.Equal(["x86/hvm", "(other)", "arm"], groups.Select(g => g.Key));
        Assert.Equal(["x86/HVM: one", "x86/hvm: two", "x86/hvm: three"], groups[0]);
    }

    [Fact]
    public void Group_EqualCounts_NamesTheGroupByTheOrdinallyFirstSpelling()
    {
        var groups = SubjectPrefix.Group(["Tools: a", "tools: b"], s => s);

        Assert.Equal("Tools", Assert.Single(groups).Key);
    }
}
