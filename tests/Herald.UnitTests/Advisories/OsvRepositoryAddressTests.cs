using Herald.Advisories;
using Herald.Configuration;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>The repository address of OSV's GIT ranges, from <c>[project]</c>.</summary>
public sealed class OsvRepositoryAddressTests : IDisposable
{
    private readonly TempDirectory _files = TempDirectory.Create();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("https://github.com/example/xen/commit/{sha}", "https://github.com/example/xen")]
    [InlineData("https://gitlab.com/xen-project/xen/-/commit/{sha}", "https://gitlab.com/xen-project/xen")]
    [InlineData("https://xenbits.xen.org/gitweb/?p=xen.git;a=commit;h={sha}", "https://xenbits.xen.org/gitweb/?p=xen.git")]
    [InlineData("https://git.example.org/cgit/xen.git/commit/?id={sha}", "https://git.example.org/cgit/xen.git")]
    public void RepositoryAddress_RepositoryBrowser_TheRepositoryBeforeItsCommitPage(string template, string expected)
    {
        var links = Links($"repository_url = \"{template}\"\nhomepage = \"https://xenproject.org/\"");

        Assert.Equal(new Uri(expected), OsvExport.RepositoryAddress(links, new Uri("https://portal.example.org/")));
    }

    [Fact]
    public void RepositoryAddress_NoBrowser_HomepageElsePortalElseNull()
    {
        Assert.Equal(new Uri("https://xenproject.org/"), OsvExport.RepositoryAddress(Links("homepage = \"https://xenproject.org/\""), new Uri("https://portal.example.org/")));
        Assert.Equal(new Uri("https://portal.example.org/"), OsvExport.RepositoryAddress(Links(string.Empty), new Uri("https://portal.example.org/")));
        Assert.Null(OsvExport.RepositoryAddress(Links(string.Empty), null));
    }

    private ProjectLinks Links(string keys)
    {
        var path = _files.WriteFile(ConfigLoader.FileName, "[project]\nname = \"Xen\"\n" + keys + "\n");
        return ProjectLinks.Read(TomlSection.Root(TomlDocument.Load(path), "project").Table("project", "name", "homepage", "wiki", "repository_url"));
    }
}
