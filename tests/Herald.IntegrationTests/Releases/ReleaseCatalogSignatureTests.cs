using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Releases;

/// <summary>A tag really signed with GnuPG (needs gpg); the unit tests use an unverified signature block.</summary>
public sealed class ReleaseCatalogSignatureTests
{
    [Fact]
    public void SignedTag_IsMarkedSigned()
    {
        using var builder = RepoBuilder.Create()
            .Commit("One").SignedTag("v1.0.0")
            .Commit("Two").AnnotatedTag("v1.0.1")
            .Commit("Three").Tag("v1.0.2");

        var catalog = ReleaseCatalog.Read(GitRepository.Open(builder.Path), new TagScheme("v{version}", "v{version}-rc{n}", "stable-{series}"));

        Assert.Equal([true, false, false], catalog.Releases.Select(r => r.Signed));
        Assert.Equal([true, true, false], catalog.Releases.Select(r => r.Annotated));
    }
}
