using Herald.Storage;
using Xunit;

namespace Herald.Tests.Storage;

public sealed class CommitGraphTests
{
    // a <- b <- m (merge of b and c), a <- c; d is a root of its own.
    private static readonly CommitGraph Graph = CommitGraph.Build(
    [
        ("a", "", 100),
        ("b", "a", 200),
        ("c", "a", 150),
        ("m", "b c", 300),
        ("d", "", 50),
    ]);

    [Fact]
    public void ReachableFrom_Merge_ReachesBothParentsAndTheirHistory()
    {
        var reachable = Graph.ReachableFrom("m");

        Assert.Equal([true, true, true, true, false, false], new[] { "m", "b", "c", "a", "d", "unknown" }.Select(reachable));
    }

    [Fact]
    public void ReachableFrom_SideBranch_DoesNotReachItsSibling()
    {
        var reachable = Graph.ReachableFrom("c");

        Assert.Equal([true, true, false, false], new[] { "c", "a", "b", "m" }.Select(reachable));
    }

    [Fact]
    public void ReachableFrom_UnknownTip_ReachesNothing()
    {
        var reachable = Graph.ReachableFrom("zz");

        Assert.False(reachable("a"));
    }
}
