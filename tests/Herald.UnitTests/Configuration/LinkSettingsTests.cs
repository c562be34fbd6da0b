using System.Net;
using Herald.Configuration;
using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Configuration;

/// <summary><c>[security]</c> link templates, <c>[project]</c> links and <c>[portal] known_proxies</c>.</summary>
public sealed class LinkSettingsTests : IDisposable
{
    private readonly RepoBuilder _builder = RepoBuilder.Create().Commit("Initial import");

    private string ConfigPath => Path.Combine(_builder.Path, ConfigLoader.FileName);

    [Fact]
    public void Link_WithTemplates_LinksAdvisoryAndCveIdsAndKeepsTheText()
    {
        var config = Load("""
            [security]
            advisory_url = "https://xenbits.xen.org/xsa/advisory-{n}.html"
            cve_url = "https://www.cve.org/CVERecord?id={id}"
            """);

        var runs = config.Security.Link("This is XSA-0123 / cve-2026-12345.\nFixes: abc");

        Assert.Equal("This is XSA-0123 / cve-2026-12345.\nFixes: abc", string.Concat(runs.Select(r => r.Text)));
        Assert.Equal(
            [("XSA-0123", "https://xenbits.xen.org/xsa/advisory-123.html"), ("cve-2026-12345", "https://www.cve.org/CVERecord?id=CVE-2026-12345")],
            runs.Where(r => r.Link is not null).Select(r => (r.Text, r.Link!.AbsoluteUri)));
    }

    [Fact]
    public void Link_WithoutTemplates_LinksNothing()
    {
        var config = Load("""
            [project]
            name = "Xen"
            """);

        var run = Assert.Single(config.Security.Link("XSA-1 and CVE-2026-12345"));
        Assert.Null(run.Link);
    }

    [Fact]
    public void Link_OnlyCveTemplate_LinksOnlyCveIds()
    {
        var config = Load("""
            [security]
            cve_url = "https://www.cve.org/CVERecord?id={id}"
            """);

        var linked = Assert.Single(config.Security.Link("XSA-1 and CVE-2026-12345"), r => r.Link is not null);
        Assert.Equal("CVE-2026-12345", linked.Text);
    }

    [Fact]
    public void ProjectLinks_RepositoryTemplate_ExpandsShaAndEscapesRefs()
    {
        var config = Load("""
            [project]
            homepage = "https://xenproject.org"
            wiki = "https://wiki.xenproject.org"
            repository_url = "https://xenbits.xen.org/gitweb/?p=xen.git;a=commit;h={sha}"
            """);

        Assert.Equal("https://xenproject.org/", config.Links.Homepage?.AbsoluteUri);
        Assert.Equal("https://wiki.xenproject.org/", config.Links.Wiki?.AbsoluteUri);
        Assert.Equal("https://xenbits.xen.org/gitweb/?p=xen.git;a=commit;h=0123abc", config.Links.CommitUrl("0123abc")?.AbsoluteUri);
        Assert.Equal("https://xenbits.xen.org/gitweb/?p=xen.git;a=commit;h=a%26b%2Fc", config.Links.RefUrl("a&b/c")?.AbsoluteUri);
    }

    [Fact]
    public void ProjectLinks_NotConfigured_AreNull()
    {
        var config = Load("""
            [project]
            name = "Xen"
            """);

        Assert.Null(config.Links.Homepage);
        Assert.Null(config.Links.CommitUrl("0123abc"));
        Assert.Empty(config.Portal.KnownProxies);
    }

    [Fact]
    public void Load_TemplateWithoutPlaceholder_NamesThePlaceholder()
    {
        var error = LoadFails("""
            [security]
            advisory_url = "https://xenbits.xen.org/xsa/"
            """);

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("security.advisory_url \"https://xenbits.xen.org/xsa/\" must name {n}", error.Message);
    }

    [Fact]
    public void Load_TemplateNotHttp_SaysItMustBeAnHttpUrl()
    {
        var error = LoadFails("""
            [project]
            repository_url = "javascript:alert({sha})"
            """);

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("must be an absolute http or https URL", error.Message);
    }

    [Fact]
    public void Load_KnownProxies_AreAddresses()
    {
        var config = Load("""
            [portal]
            known_proxies = ["10.0.0.1", "::1"]
            """);

        Assert.Equal([IPAddress.Parse("10.0.0.1"), IPAddress.IPv6Loopback], config.Portal.KnownProxies);
    }

    [Fact]
    public void Load_KnownProxyNotAnAddress_NamesIt()
    {
        var error = LoadFails("""
            [portal]
            known_proxies = "proxy.example"
            """);

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("\"proxy.example\" is not an IP address", error.Message);
    }

    public void Dispose() => _builder.Dispose();

    private HeraldConfig Load(string toml)
    {
        _builder.WriteFile(ConfigLoader.FileName, toml + "\n");
        return ConfigLoader.Load(GitRepository.Open(_builder.Path), null, _builder.Path);
    }

    private HeraldException LoadFails(string toml)
    {
        _builder.WriteFile(ConfigLoader.FileName, toml + "\n");
        return Assert.Throws<HeraldException>(() => ConfigLoader.Load(GitRepository.Open(_builder.Path), null, _builder.Path));
    }
}
