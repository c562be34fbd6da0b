using Herald.History;
using Xunit;

namespace Herald.Tests.History;

public sealed class CommitLogTests(CommitLogFixture fixture) : IClassFixture<CommitLogFixture>
{
    [Fact]
    public void Read_Commit_ReportsShaAndParent()
    {
        var commit = fixture.ReadOne(fixture.DetailedSha);

        Assert.Equal(fixture.DetailedSha, commit.Sha);
        Assert.Equal([fixture.InitialSha], commit.Parents);
        Assert.False(commit.IsMerge);
    }

    [Fact]
    public void Read_RootCommit_HasNoParents()
    {
        var commit = fixture.ReadOne(fixture.InitialSha);

        Assert.Empty(commit.Parents);
        Assert.Equal("Initial import", commit.Subject);
    }

    [Fact]
    public void Read_Author_KeepsNameEmailAndDateWithOffset()
    {
        var author = fixture.ReadOne(fixture.DetailedSha).Author;

        Assert.Equal("Jürgen Groß", author.Name);
        Assert.Equal("jgross@suse.com", author.Email);
        Assert.Equal(CommitLogFixture.AuthorDate, author.Date);
        Assert.Equal(TimeSpan.FromHours(2), author.Date.Offset);
        Assert.Equal(new DateTime(2019, 3, 4, 5, 6, 7), author.Date.DateTime);
    }

    [Fact]
    public void Read_DistinctCommitter_KeepsCommitterNameEmailAndDate()
    {
        var committer = fixture.ReadOne(fixture.DetailedSha).Committer;

        Assert.Equal("Carl Committer", committer.Name);
        Assert.Equal("carl@example.com", committer.Email);
        Assert.Equal(CommitLogFixture.CommitterDate, committer.Date);
        Assert.Equal(TimeSpan.FromHours(2), committer.Date.Offset);
    }

    [Fact]
    public void Read_TwoLineFirstParagraph_SubjectJoinsItOnOneLine()
    {
        var commit = fixture.ReadOne(fixture.DetailedSha);

        Assert.Equal("Fix the frobnicator when it wobbles", commit.Subject);
    }

    [Fact]
    public void Read_Message_BodyIsTheWholeMessage()
    {
        var commit = fixture.ReadOne(fixture.DetailedSha);

        Assert.Equal(CommitLogFixture.DetailedMessage.TrimEnd('\n'), commit.Body.TrimEnd('\n'));
    }

    [Fact]
    public void Read_KnownTrailers_AreReturnedInMessageOrder()
    {
        var commit = fixture.ReadOne(fixture.DetailedSha);

        Assert.Equal(
            [
                new Trailer(TrailerKeys.ReportedBy, "Rita Reporter <rita@example.com>"),
                new Trailer(TrailerKeys.SignedOffBy, "Jürgen Groß <jgross@suse.com>"),
                new Trailer(TrailerKeys.ReviewedBy, "Jan Beulich <jbeulich@suse.com>"),
                new Trailer(TrailerKeys.AckedBy, "\"Doe, John\" <john@example.com>"),
                new Trailer(TrailerKeys.TestedBy, "Tess Tester <tess@example.com>"),
            ],
            commit.Trailers);
    }

    [Fact]
    public void Read_TrailerPerson_SplitsNameAndEmail()
    {
        var commit = fixture.ReadOne(fixture.DetailedSha);

        Assert.Equal(("Jan Beulich", "jbeulich@suse.com"), Assert.Single(commit.TrailersOf("reviewed-BY")).Person);
        Assert.Equal(("Doe, John", "john@example.com"), Assert.Single(commit.TrailersOf(TrailerKeys.AckedBy)).Person);
    }

    [Fact]
    public void Read_CommitWithoutTrailers_HasNoTrailers()
    {
        Assert.Empty(fixture.ReadOne(fixture.TopicSha).Trailers);
    }

    [Fact]
    public void Read_CherryPickWithOrigin_HasCherryPickedFromTrailer()
    {
        var commit = fixture.ReadOne(fixture.CherryPickSha);

        Assert.Equal("Topic work", commit.Subject);
        var trailer = Assert.Single(commit.Trailers);
        Assert.Equal(TrailerKeys.CherryPickedFrom, trailer.Key);
        Assert.Equal(fixture.TopicSha, trailer.Value);
    }

    [Fact]
    public void Read_XenBackport_HasMasterCommitAndMasterDateTrailers()
    {
        var commit = fixture.ReadOne(fixture.BackportSha);

        Assert.Equal("Master work [stable]", commit.Subject);
        Assert.Equal(fixture.MasterWorkSha, Assert.Single(commit.TrailersOf(TrailerKeys.MasterCommit)).Value);
        Assert.Equal(fixture.MasterWorkDate, Assert.Single(commit.TrailersOf(TrailerKeys.MasterDate)).Value);
        Assert.Equal("Alice Example", commit.Author.Name);
    }

    [Fact]
    public void Read_Merge_HasTwoParents()
    {
        var merge = fixture.ReadOne(fixture.MergeSha);

        Assert.True(merge.IsMerge);
        Assert.Equal([fixture.MasterWorkSha, fixture.TopicSha], merge.Parents);
        Assert.Equal("Merge branch 'topic'", merge.Subject);
    }

    [Fact]
    public void Read_Master_ListsEveryCommitNewestFirst()
    {
        var subjects = fixture.Read(new LogRequest(["master"])).Select(c => c.Subject).ToList();

        Assert.Equal(
            ["After the merge", "Merge branch 'topic'", "Master work", "Topic work", "Fix the frobnicator when it wobbles", "Initial import"],
            subjects);
    }

    [Fact]
    public void Read_NoMerges_LeavesMergesOut()
    {
        var commits = fixture.Read(new LogRequest(["master"]) { NoMerges = true });

        Assert.DoesNotContain(commits, c => c.IsMerge);
        Assert.DoesNotContain(commits, c => c.Sha == fixture.MergeSha);
        Assert.Equal(5, commits.Count);
    }

    [Fact]
    public void Read_FirstParent_LeavesMergedTopicOut()
    {
        var subjects = fixture.Read(new LogRequest(["master"]) { FirstParent = true }).Select(c => c.Subject).ToList();

        Assert.DoesNotContain("Topic work", subjects);
        Assert.Contains("Merge branch 'topic'", subjects);
    }

    [Fact]
    public void Read_ExcludedRevision_ReadsOnlyTheRange()
    {
        var subjects = fixture.Read(new LogRequest(["stable-1", "^master"])).Select(c => c.Subject).ToList();

        Assert.Equal(["Master work [stable]", "Topic work"], subjects);
    }

    [Fact]
    public void Read_MaxCountAndSkip_PageThroughTheLog()
    {
        var page = fixture.Read(new LogRequest(["master"]) { Offset = 2, MaxCount = 2 }).Select(c => c.Subject).ToList();

        Assert.Equal(["Master work", "Topic work"], page);
    }

    [Fact]
    public void Read_WithoutLines_FilesAreEmpty()
    {
        var commit = fixture.ReadOne(fixture.DetailedSha);

        Assert.Empty(commit.Files);
        Assert.Equal(0, commit.LinesAdded);
    }

    [Fact]
    public void Read_StoppedEarly_YieldsOnlyWhatWasTaken()
    {
        var first = new CommitLog(fixture.Repository).Read(new LogRequest(["master"])).Take(1).ToList();

        Assert.Equal("After the merge", Assert.Single(first).Subject);
    }
}
