using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class IdentityResolverTests : IDisposable
{
    private static readonly DateTimeOffset s_someDay = new(2021, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _folder = TempDirectory.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void DeveloperKey_AddressNoAliasNames_IsTheName()
    {
        var resolver = new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty);

        Assert.Equal("Ann Lee", resolver.DeveloperKey("Ann Lee", "ann@citrix.com"));
    }

    [Fact]
    public void DeveloperKey_SameNameDifferentAddressesWithoutAliases_SameKey()
    {
        var resolver = new IdentityResolver(GitdmAliases.Empty, EmployerMap.Empty);

        Assert.Equal(resolver.DeveloperKey("Ann Lee", "ann@citrix.com"), resolver.DeveloperKey("Ann Lee", "ann@gmail.com"));
    }

    [Fact]
    public void DeveloperKey_AliasAndCanonicalUnderDifferentNames_SameKey()
    {
        var resolver = new IdentityResolver(Aliases("bob.builder@old.example.net bob@suse.com"), EmployerMap.Empty);

        var fromAlias = resolver.DeveloperKey("Robert Builder", "bob.builder@old.example.net");
        var fromCanonical = resolver.DeveloperKey("Bob Builder", "bob@suse.com");

        Assert.Equal(fromCanonical, fromAlias);
        Assert.NotEqual(resolver.DeveloperKey("Bob Builder", "bob@elsewhere.example.com"), resolver.DeveloperKey("Robert Builder", "robert@elsewhere.example.com"));
    }

    [Fact]
    public void CanonicalEmail_Alias_IsCanonicalAddress()
    {
        var resolver = new IdentityResolver(Aliases("bob.builder@old.example.net bob@suse.com"), EmployerMap.Empty);

        Assert.Equal("bob@suse.com", resolver.CanonicalEmail("bob.builder@old.example.net"));
        Assert.Equal("ann@citrix.com", resolver.CanonicalEmail("ann@citrix.com"));
    }

    [Fact]
    public void EmployerOf_AliasAddressUnmapped_UsesEmployerOfCanonicalAddress()
    {
        var resolver = new IdentityResolver(Aliases("bob.builder@old.example.net bob@suse.com"), Map("suse.com SUSE"));

        Assert.Equal("SUSE", resolver.EmployerOf("bob.builder@old.example.net", s_someDay));
    }

    [Fact]
    public void EmployerOf_AliasAddressMappedItself_UsesItsOwnEmployer()
    {
        var resolver = new IdentityResolver(Aliases("bob@intel.com bob@suse.com"), Map("suse.com SUSE", "intel.com Intel"));

        Assert.Equal("Intel", resolver.EmployerOf("bob@intel.com", s_someDay));
    }

    [Fact]
    public void EmployerOf_UnaliasedUnmapped_IsUnknown()
    {
        var resolver = new IdentityResolver(Aliases("bob@intel.com bob@suse.com"), Map("suse.com SUSE"));

        Assert.Equal(EmployerMap.Unknown, resolver.EmployerOf("carol@gmail.com", s_someDay));
    }

    [Fact]
    public void Default_UsesBuiltInMap()
    {
        Assert.Equal("Citrix", IdentityResolver.Default.EmployerOf("ann@citrix.com", s_someDay));
        Assert.Equal("Ann Lee", IdentityResolver.Default.DeveloperKey("Ann Lee", "ann@citrix.com"));
    }

    [Fact]
    public void FromFiles_NoFilesAndNoBuiltInMap_EveryoneUnknown()
    {
        var resolver = IdentityResolver.FromFiles(null, null, useBuiltInMap: false);

        Assert.Equal(EmployerMap.Unknown, resolver.EmployerOf("ann@citrix.com", s_someDay));
    }

    [Fact]
    public void FromFiles_DomainMapOverBuiltIn_ProjectEntryWins()
    {
        var mapPath = _folder.WriteFile("domain-map", "citrix.com Cloud Software Group\nexample.org Example Org\n");

        var resolver = IdentityResolver.FromFiles(null, mapPath, useBuiltInMap: true);

        Assert.Equal("Cloud Software Group", resolver.EmployerOf("ann@citrix.com", s_someDay));
        Assert.Equal("Example Org", resolver.EmployerOf("eve@example.org", s_someDay));
        Assert.Equal("SUSE", resolver.EmployerOf("jan@suse.com", s_someDay));
    }

    [Fact]
    public void FromFiles_DomainMapWithoutBuiltIn_OnlyProjectEntries()
    {
        var mapPath = _folder.WriteFile("domain-map", "example.org Example Org\n");

        var resolver = IdentityResolver.FromFiles(null, mapPath, useBuiltInMap: false);

        Assert.Equal("Example Org", resolver.EmployerOf("eve@example.org", s_someDay));
        Assert.Equal(EmployerMap.Unknown, resolver.EmployerOf("jan@suse.com", s_someDay));
    }

    [Fact]
    public void FromFiles_AliasesFile_MergesAddresses()
    {
        var aliasesPath = _folder.WriteFile("aliases", "old@example.org new@example.org\n");

        var resolver = IdentityResolver.FromFiles(aliasesPath, null, useBuiltInMap: false);

        Assert.Equal(resolver.DeveloperKey("New Name", "new@example.org"), resolver.DeveloperKey("Old Name", "old@example.org"));
    }

    private GitdmAliases Aliases(params string[] lines) =>
        GitdmAliases.Load(_folder.WriteFile("aliases-" + Guid.NewGuid().ToString("N"), string.Join('\n', lines) + "\n"));

    private static EmployerMap Map(params string[] lines) => EmployerMap.Parse(lines, "domain-map");
}
