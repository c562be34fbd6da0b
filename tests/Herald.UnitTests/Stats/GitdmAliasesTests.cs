using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class GitdmAliasesTests : IDisposable
{
    private readonly TempDirectory _folder = TempDirectory.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_AliasLine_MapsAliasToCanonical()
    {
        var aliases = Load("bob.builder@old.example.net  bob@suse.com");

        Assert.Equal("bob@suse.com", aliases.CanonicalOf("bob.builder@old.example.net"));
    }

    [Fact]
    public void Load_CanonicalAddress_IsItsOwnCanonical()
    {
        var aliases = Load("bob.builder@old.example.net  bob@suse.com");

        Assert.Equal("bob@suse.com", aliases.CanonicalOf("bob@suse.com"));
        Assert.Equal(2, aliases.Count);
    }

    [Fact]
    public void CanonicalOf_AddressNoLineNames_IsNull()
    {
        var aliases = Load("bob.builder@old.example.net  bob@suse.com");

        Assert.Null(aliases.CanonicalOf("ann@citrix.com"));
    }

    [Fact]
    public void CanonicalOf_Empty_IsNullForEveryAddress()
    {
        Assert.Null(GitdmAliases.Empty.CanonicalOf("bob@suse.com"));
        Assert.Equal(0, GitdmAliases.Empty.Count);
    }

    [Fact]
    public void CanonicalOf_DifferentCase_StillMatches()
    {
        var aliases = Load("Bob.Builder@Old.Example.NET  bob@suse.com");

        Assert.Equal("bob@suse.com", aliases.CanonicalOf("bob.builder@old.example.net"));
        Assert.Equal("bob@suse.com", aliases.CanonicalOf("BOB@SUSE.COM"));
    }

    [Fact]
    public void Load_Chain_ResolvesToItsEnd()
    {
        var aliases = Load(
            "a@old.example.com  b@mid.example.com",
            "b@mid.example.com  c@new.example.com");

        Assert.Equal("c@new.example.com", aliases.CanonicalOf("a@old.example.com"));
        Assert.Equal("c@new.example.com", aliases.CanonicalOf("b@mid.example.com"));
        Assert.Equal("c@new.example.com", aliases.CanonicalOf("c@new.example.com"));
    }

    [Fact]
    public void Load_ChainWrittenBackwards_ResolvesToItsEnd()
    {
        var aliases = Load(
            "c@mid.example.com  d@new.example.com",
            "b@old.example.com  c@mid.example.com",
            "a@oldest.example.com  b@old.example.com");

        Assert.Equal("d@new.example.com", aliases.CanonicalOf("a@oldest.example.com"));
        Assert.Equal("d@new.example.com", aliases.CanonicalOf("b@old.example.com"));
    }

    [Fact]
    public void Load_Cycle_TerminatesWithAnAddressOfTheCycle()
    {
        var aliases = Load(
            "a@example.com  b@example.com",
            "b@example.com  a@example.com");

        Assert.Contains(aliases.CanonicalOf("a@example.com"), new[] { "a@example.com", "b@example.com" });
    }

    [Fact]
    public void Load_CommentsBlankLinesAndTabs_Understood()
    {
        var aliases = Load(
            "# people who changed address",
            string.Empty,
            "old@example.com\tnew@example.com   # moved in 2019",
            "   ");

        Assert.Equal("new@example.com", aliases.CanonicalOf("old@example.com"));
        Assert.Equal(2, aliases.Count);
    }

    [Fact]
    public void Load_LineWithOneAddress_ThrowsNamingFileAndLine()
    {
        var path = _folder.WriteFile("aliases", "a@example.com b@example.com\n# fine\nlonely@example.com\n");

        var error = Assert.Throws<HeraldException>(() => GitdmAliases.Load(path));

        Assert.StartsWith(path + ":3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("lonely@example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LineWithThreeAddresses_ThrowsNamingFileAndLine()
    {
        var path = _folder.WriteFile("aliases", "a@example.com b@example.com c@example.com\n");

        var error = Assert.Throws<HeraldException>(() => GitdmAliases.Load(path));

        Assert.StartsWith(path + ":1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsHeraldExceptionNamingPath()
    {
        var path = _folder.Combine("missing-aliases");

        var error = Assert.Throws<HeraldException>(() => GitdmAliases.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private GitdmAliases Load(params string[] lines) =>
        GitdmAliases.Load(_folder.WriteFile("aliases", string.Join('\n', lines) + "\n"));
}
