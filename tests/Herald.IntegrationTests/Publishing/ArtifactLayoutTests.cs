using Herald.Publishing;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Publishing;

public sealed class ArtifactLayoutTests : IDisposable
{
    private readonly TempDirectory _root = TempDirectory.Create();

    public ArtifactLayoutTests()
    {
        _root.WriteFile("release/x/1.0/x-1.0.tar.gz", "archive");
        _root.WriteFile("release/x/1.0/.manifest", "hidden");
        _root.WriteFile("secret.txt", "outside the release tree but inside the root");
    }

    [Fact]
    public void Resolve_PlainPath_FindsTheFile() =>
        Assert.Equal(_root.Combine("release", "x", "1.0", "x-1.0.tar.gz"), ArtifactLayout.Resolve(_root.Path, "release/x/1.0/x-1.0.tar.gz"));

    [Theory]
    [InlineData("release/x/1.0/../../../secret.txt")]
    [InlineData("../secret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("release/x/1.0/.manifest")]
    [InlineData("release/x/./1.0/x-1.0.tar.gz")]
    [InlineData("release\\x\\1.0\\x-1.0.tar.gz")]
    [InlineData("release//x/1.0/x-1.0.tar.gz")]
    [InlineData("release/x/1.0/missing.tar.gz")]
    [InlineData("release/x/1.0")]
    [InlineData("")]
    public void Resolve_AnythingButAPlainPathToAFile_IsNull(string path) =>
        Assert.Null(ArtifactLayout.Resolve(_root.Path, path));

    [Fact]
    public void Resolve_ThroughASymbolicLink_IsNull()
    {
        Directory.CreateSymbolicLink(_root.Combine("release", "link"), "/etc");

        Assert.Null(ArtifactLayout.Resolve(_root.Path, "release/link/passwd"));
    }

    [Fact]
    public void Resolve_ASymbolicLinkFile_IsNull()
    {
        File.CreateSymbolicLink(_root.Combine("release", "x", "1.0", "passwd"), "/etc/passwd");

        Assert.Null(ArtifactLayout.Resolve(_root.Path, "release/x/1.0/passwd"));
    }

    public void Dispose() => _root.Dispose();
}
