using Herald.Advisories;
using Herald.Search;
using Xunit;

namespace Herald.Tests.Advisories;

public sealed class HiddenAdvisoriesTests
{
    private static readonly HiddenAdvisories Hidden = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "XSA-500" });

    [Theory]
    [InlineData("XSA-500", true)]
    [InlineData("xsa 500", true)]
    [InlineData("see xsa500.", true)]
    [InlineData("XSA-0500", true)]
    [InlineData("XSA-5000", false)]
    [InlineData("XSA-50", false)]
    [InlineData("NXSA-500", false)]
    [InlineData("500", false)]
    public void Names_IdWrittenAnyWay_OnlyThatId(string text, bool names) =>
        Assert.Equal(names, Hidden.Names(text));

    [Fact]
    public void Filter_QueryNamingAHiddenId_FindsNothing()
    {
        var results = Hidden.Filter(Results("xsa-500", Hit("grant fix"), Hit("other")), catalog: null);

        Assert.All(results.Groups, g => Assert.Empty(g.Hits));
        Assert.All(results.Groups, g => Assert.False(g.More));
    }

    [Fact]
    public void Filter_HitWhoseTitleNamesAHiddenId_LeftOutAndTheOthersKept()
    {
        var results = Hidden.Filter(Results("grant", Hit("xen/grant: bound the table (XSA-500)"), Hit("xen/grant: tidy")), catalog: null);

        Assert.Equal(["xen/grant: tidy"], results.Groups.SelectMany(g => g.Hits).Select(h => h.Title));
    }

    [Fact]
    public void Filter_NothingHidden_TheSameResults()
    {
        var results = Results("xsa-500", Hit("XSA-500 fix"));

        Assert.Same(results, new HiddenAdvisories(new HashSet<string>()).Filter(results, catalog: null));
    }

    private static SearchHit Hit(string title) =>
        new(SearchKind.Commit, new string('a', 40), title, "alice", DateTimeOffset.UnixEpoch);

    private static SearchResults Results(string query, params SearchHit[] hits) =>
        new(query, [new SearchGroup(SearchKind.Commit, hits, More: true)]);
}
