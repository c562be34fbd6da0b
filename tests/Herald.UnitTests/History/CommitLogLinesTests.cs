using Herald.History;
using Xunit;

namespace Herald.Tests.History;

public sealed class CommitLogLinesTests(LineCountFixture fixture) : IClassFixture<LineCountFixture>
{
    [Fact]
    public void Read_WithLines_NewFileCountsEveryLineAdded()
    {
        var commit = fixture.ReadWithLines(fixture.AddSha);

        Assert.Equal([new FileChange("a.txt", null, 3, 0)], commit.Files);
        Assert.Equal(3, commit.LinesAdded);
        Assert.Equal(0, commit.LinesRemoved);
    }

    [Fact]
    public void Read_WithLines_CountsAddedAndRemovedPerFile()
    {
        var commit = fixture.ReadWithLines(fixture.EditSha);

        Assert.Equal(
            [new FileChange("a.txt", null, 2, 1), new FileChange("b.txt", null, 1, 0)],
            commit.Files.OrderBy(f => f.Path, StringComparer.Ordinal));
        Assert.Equal(3, commit.LinesAdded);
        Assert.Equal(1, commit.LinesRemoved);
    }

    [Fact]
    public void Read_WithLines_BinaryFileHasNoCounts()
    {
        var file = Assert.Single(fixture.ReadWithLines(fixture.BinarySha).Files);

        Assert.Equal("img/logo.bin", file.Path);
        Assert.True(file.IsBinary);
        Assert.Null(file.Added);
        Assert.Null(file.Removed);
        Assert.False(file.IsRename);
    }

    [Fact]
    public void Read_WithLines_RenameIsFollowed()
    {
        var file = Assert.Single(fixture.ReadWithLines(fixture.RenameSha).Files);

        Assert.Equal(new FileChange("docs/a.txt", "a.txt", 0, 0), file);
        Assert.True(file.IsRename);
        Assert.False(file.IsBinary);
    }

    [Fact]
    public void Read_WithLines_DeletionCountsLinesRemoved()
    {
        var commit = fixture.ReadWithLines(fixture.DeleteSha);

        Assert.Equal([new FileChange("b.txt", null, 0, 1)], commit.Files);
    }

    [Fact]
    public void Read_WithLines_NonAsciiPathIsNotQuoted()
    {
        var commit = fixture.ReadWithLines(fixture.UnicodePathSha);

        Assert.Equal([new FileChange(LineCountFixture.UnicodePath, null, 2, 0)], commit.Files);
    }

    [Fact]
    public void Read_WithLines_MergeHasNoFiles()
    {
        var merge = fixture.ReadWithLines(fixture.MergeSha);

        Assert.True(merge.IsMerge);
        Assert.Empty(merge.Files);
    }

    [Fact]
    public void Read_WithLines_KeepsCommitMetadata()
    {
        var commits = fixture.ReadWithLines();

        Assert.Equal(9, commits.Count);
        Assert.Equal("Merge topic", commits[0].Subject);
        Assert.Equal("Add a", commits[^1].Subject);
        Assert.All(commits, c => Assert.Equal(40, c.Sha.Length));
    }
}
