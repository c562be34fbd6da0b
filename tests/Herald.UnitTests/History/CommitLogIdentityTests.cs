using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.History;

public sealed class CommitLogIdentityTests
{
    private const string Mailmap = "Proper Name <proper@example.com> Old Name <old@example.com>\n";

    [Fact]
    public void Read_WorkTreeWithMailmap_MapsAuthorAndCommitter()
    {
        using var builder = RepoBuilder.Create()
            .Commit("Work by the old identity", author: "Old Name", email: "old@example.com")
            .Mailmap(Mailmap);

        var commit = ReadSubject(GitRepository.Open(builder.Path), "Work by the old identity");

        Assert.Equal(new Signature("Proper Name", "proper@example.com", commit.Author.Date), commit.Author);
        Assert.Equal(new Signature("Proper Name", "proper@example.com", commit.Committer.Date), commit.Committer);
    }

    [Fact]
    public void Read_BareCloneWithMailmap_MapsAuthorFromTheCommittedMailmap()
    {
        using var builder = RepoBuilder.Create()
            .Commit("Work by the old identity", author: "Old Name", email: "old@example.com")
            .Mailmap(Mailmap);
        var bare = GitRepository.Open(builder.CloneBare());

        var commit = ReadSubject(bare, "Work by the old identity");

        Assert.True(bare.IsBare);
        Assert.Equal("Proper Name", commit.Author.Name);
        Assert.Equal("proper@example.com", commit.Author.Email);
    }

    [Fact]
    public void Read_WithoutMailmap_KeepsTheRecordedIdentity()
    {
        using var builder = RepoBuilder.Create()
            .Commit("Work by the old identity", author: "Old Name", email: "old@example.com");

        var commit = ReadSubject(GitRepository.Open(builder.Path), "Work by the old identity");

        Assert.Equal("Old Name", commit.Author.Name);
        Assert.Equal("old@example.com", commit.Author.Email);
    }

    [Fact]
    public void Read_Latin1AuthorName_DecodesAsIso88591()
    {
        using var builder = RepoBuilder.Create()
            .Commit("Initial import")
            .CommitLatin1Author("Old commit from 2005", "José García", email: "jose@example.com");

        var commit = ReadSubject(GitRepository.Open(builder.Path), "Old commit from 2005");

        Assert.Equal("José García", commit.Author.Name);
        Assert.Equal("jose@example.com", commit.Author.Email);
        Assert.Equal(RepoBuilder.DefaultName, commit.Committer.Name);
    }

    [Fact]
    public void Read_Utf8AuthorName_DecodesAsUtf8()
    {
        using var builder = RepoBuilder.Create()
            .Commit("Modern commit", author: "Roger Pau Monné", email: "roger.pau@citrix.com");

        var commit = ReadSubject(GitRepository.Open(builder.Path), "Modern commit");

        Assert.Equal("Roger Pau Monné", commit.Author.Name);
    }

    private static Commit ReadSubject(GitRepository repository, string subject) =>
        Assert.Single(new CommitLog(repository).Read(new LogRequest(["HEAD"])), c => c.Subject == subject);
}
