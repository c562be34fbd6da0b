using System.Text;
using Herald.History;
using Xunit;

namespace Herald.Tests.History;

public sealed class CommitReaderTests
{
    private static readonly string s_first = new('1', 40);
    private static readonly string s_second = new('2', 40);
    private static readonly string s_parent = new('3', 40);
    private static readonly string s_otherParent = new('4', 40);

    [Fact]
    public void Format_IsTheRecordShapeTheReaderParses()
    {
        Assert.Equal("%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%aI%x1f%cN%x1f%cE%x1f%cI%x1f%B", CommitReader.Format);
    }

    [Fact]
    public void Read_HandMadeStreamWithNumstat_ParsesHeadersAndFiles()
    {
        var stream = Stream(
            Record(s_first, $"{s_parent} {s_otherParent}", "Ann Author", "ann@example.com", "2021-03-04T05:06:07+02:00",
                "Cy Committer", "cy@example.com", "2021-03-05T06:07:08-05:00",
                "Fix it\n\nBecause.\n\nSigned-off-by: Ann Author <ann@example.com>\n"),
            "\n2\t1\tsrc/a.c\0",
            "-\t-\tlogo.png\0",
            "1\t1\t\0old\0new\0",
            Record(s_second, string.Empty, "Bo", "bo@example.com", "2020-01-01T00:00:00+00:00", "Bo", "bo@example.com", "2020-01-01T00:00:00+00:00", "Root\n"),
            "\n3\t0\tREADME\0");

        var commits = CommitReader.Read(stream).ToList();

        Assert.Equal(2, commits.Count);
        var first = commits[0];
        Assert.Equal(s_first, first.Sha);
        Assert.Equal([s_parent, s_otherParent], first.Parents);
        Assert.Equal(new Signature("Ann Author", "ann@example.com", new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.FromHours(2))), first.Author);
        Assert.Equal(TimeSpan.FromHours(2), first.Author.Date.Offset);
        Assert.Equal(new Signature("Cy Committer", "cy@example.com", new DateTimeOffset(2021, 3, 5, 6, 7, 8, TimeSpan.FromHours(-5))), first.Committer);
        Assert.Equal(TimeSpan.FromHours(-5), first.Committer.Date.Offset);
        Assert.Equal("Fix it", first.Subject);
        Assert.Equal("Fix it\n\nBecause.\n\nSigned-off-by: Ann Author <ann@example.com>\n", first.Body);
        Assert.Equal([new Trailer(TrailerKeys.SignedOffBy, "Ann Author <ann@example.com>")], first.Trailers);
        Assert.Equal(
            [new FileChange("src/a.c", null, 2, 1), new FileChange("logo.png", null, null, null), new FileChange("new", "old", 1, 1)],
            first.Files);

        var second = commits[1];
        Assert.Equal(s_second, second.Sha);
        Assert.Empty(second.Parents);
        Assert.Equal("Root", second.Subject);
        Assert.Equal([new FileChange("README", null, 3, 0)], second.Files);
    }

    [Fact]
    public void Read_StreamWithoutNumstat_GivesCommitsWithoutFiles()
    {
        var stream = Stream(
            Record(s_first, s_parent, "A", "a@example.com", "2020-01-01T00:00:00+00:00", "A", "a@example.com", "2020-01-01T00:00:00+00:00", "One\n"),
            Record(s_second, string.Empty, "B", "b@example.com", "2020-01-01T00:00:00+00:00", "B", "b@example.com", "2020-01-01T00:00:00+00:00", "Two\n"));

        var commits = CommitReader.Read(stream).ToList();

        Assert.Equal(["One", "Two"], commits.Select(c => c.Subject));
        Assert.All(commits, c => Assert.Empty(c.Files));
    }

    [Fact]
    public void Read_MessageHoldingTheFieldSeparator_KeepsItInTheBody()
    {
        var stream = Stream(
            Record(s_first, string.Empty, "A", "a@example.com", "2020-01-01T00:00:00+00:00", "A", "a@example.com", "2020-01-01T00:00:00+00:00", "odd\u001fsubject\n"));

        var commit = Assert.Single(CommitReader.Read(stream));

        Assert.Equal("odd\u001fsubject\n", commit.Body);
    }

    [Fact]
    public void Read_Latin1Name_DecodesAsLatin1()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.ASCII.GetBytes($"\u001e{s_first}\u001f\u001f"));
        bytes.AddRange(Encoding.Latin1.GetBytes("José García"));
        bytes.AddRange(Encoding.ASCII.GetBytes("\u001fj@example.com\u001f2020-01-01T00:00:00+00:00\u001fA\u001fa@example.com\u001f2020-01-01T00:00:00+00:00\u001fHola\n\0"));

        var commit = Assert.Single(CommitReader.Read(new MemoryStream(bytes.ToArray())));

        Assert.Equal("José García", commit.Author.Name);
    }

    [Fact]
    public void Read_EmptyStream_GivesNothing()
    {
        Assert.Empty(CommitReader.Read(new MemoryStream()));
    }

    [Fact]
    public void Read_TruncatedRecord_ThrowsHeraldException()
    {
        var stream = Stream($"\u001e{s_first}\u001f\u001fA\u001fa@example.com\0");

        Assert.Throws<HeraldException>(() => CommitReader.Read(stream).ToList());
    }

    [Fact]
    public void Read_MalformedNumstatLine_ThrowsHeraldExceptionQuotingIt()
    {
        var stream = Stream(
            Record(s_first, string.Empty, "A", "a@example.com", "2020-01-01T00:00:00+00:00", "A", "a@example.com", "2020-01-01T00:00:00+00:00", "One\n"),
            "\nnot a numstat line\0");

        var error = Assert.Throws<HeraldException>(() => CommitReader.Read(stream).ToList());

        Assert.Contains("not a numstat line", error.Message);
    }

    [Theory]
    [InlineData("Subject\n\nBody\n", "Subject")]
    [InlineData("\n\nSubject after blank lines\n", "Subject after blank lines")]
    [InlineData("First line\nsecond line\n\nBody", "First line second line")]
    [InlineData("Only a subject", "Only a subject")]
    [InlineData("", "")]
    public void SubjectOf_Message_IsTheFirstParagraphOnOneLine(string message, string expected)
    {
        Assert.Equal(expected, CommitReader.SubjectOf(message));
    }

    private static string Record(string sha, string parents, string authorName, string authorEmail, string authorDate, string committerName, string committerEmail, string committerDate, string message) =>
        $"\u001e{sha}\u001f{parents}\u001f{authorName}\u001f{authorEmail}\u001f{authorDate}\u001f{committerName}\u001f{committerEmail}\u001f{committerDate}\u001f{message}\0";

    private static MemoryStream Stream(params string[] parts) => new(Encoding.UTF8.GetBytes(string.Concat(parts)));
}
