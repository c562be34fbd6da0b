using System.Text;
using Herald.History;
using Xunit;

namespace Herald.Tests.History;

public sealed class LineCountReaderTests(LineCountFixture fixture) : IClassFixture<LineCountFixture>
{
    [Fact]
    public void Read_EveryCommit_MatchesCommitLogWithLines()
    {
        var expected = fixture.ReadWithLines()
            .Select(c => (c.Sha, new LineCounts(c.LinesAdded, c.LinesRemoved, c.Files.Count)))
            .OrderBy(p => p.Sha, StringComparer.Ordinal)
            .ToList();

        var actual = LineCountReader.Read(fixture.Repository, expected.Select(p => p.Sha).ToList())
            .OrderBy(p => p.Sha, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Read_KnownCommits_GivesTheirCounts()
    {
        var counts = LineCountReader.Read(fixture.Repository, [fixture.EditSha, fixture.BinarySha, fixture.RenameSha, fixture.MergeSha])
            .ToDictionary(p => p.Sha, p => p.Counts);

        Assert.Equal(new LineCounts(3, 1, 2), counts[fixture.EditSha]);
        Assert.Equal(new LineCounts(0, 0, 1), counts[fixture.BinarySha]);
        Assert.Equal(new LineCounts(0, 0, 1), counts[fixture.RenameSha]);
        Assert.Equal(new LineCounts(0, 0, 0), counts[fixture.MergeSha]);
    }

    [Fact]
    public void Read_CommitsInGivenOrder_KeepsThatOrder()
    {
        var order = LineCountReader.Read(fixture.Repository, [fixture.AddSha, fixture.DeleteSha, fixture.EditSha]).Select(p => p.Sha);

        Assert.Equal([fixture.AddSha, fixture.DeleteSha, fixture.EditSha], order);
    }

    [Fact]
    public void Read_NoCommits_ReturnsNothing()
    {
        Assert.Empty(LineCountReader.Read(fixture.Repository, []));
    }

    [Fact]
    public void Parse_HandMadeStreamWithRename_SkipsThePaths()
    {
        var sha = new string('a', 40);
        var other = new string('b', 40);
        var bytes = Encoding.UTF8.GetBytes(
            $"\u001e{sha}\0\n2\t1\tx.txt\0-\t-\tlogo.png\0" +
            "1\t1\t\0old name.txt\0new name.txt\0" +
            $"\u001e{other}\0\n5\t0\ty.txt\0");

        var result = LineCountReader.Parse(new MemoryStream(bytes)).ToList();

        Assert.Equal([(sha, new LineCounts(3, 2, 3)), (other, new LineCounts(5, 0, 1))], result);
    }
}
