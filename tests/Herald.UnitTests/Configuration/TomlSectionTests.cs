using Herald.Configuration;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Configuration;

/// <summary>A section names each key by its dotted path and line, and holds its parser to the keys it declares.</summary>
public sealed class TomlSectionTests : IDisposable
{
    private readonly TempDirectory _files = TempDirectory.Create();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Reader_KeyTheSectionDoesNotDeclare_IsAMistakeInHeraldNotInTheFile()
    {
        var (root, _) = Root("[project]\nname = \"Xen\"\n", "project");
        var project = root.Table("project", "name");

        var error = Assert.Throws<InvalidOperationException>(() => project.String("slug"));

        Assert.Contains("'slug' is not a declared key of [project]", error.Message);
    }

    [Fact]
    public void Table_Absent_IsEmptyAndNotPresent()
    {
        var (root, _) = Root("[project]\nname = \"Xen\"\n", "project", "policy");

        var policy = root.Table("policy", "cadence_months");

        Assert.False(policy.IsPresent);
        Assert.Equal("policy", policy.Path);
        Assert.Null(policy.Integer("cadence_months", 1, 120));
    }

    [Fact]
    public void Table_UnknownKey_NamesTheTablesPathLineAndDeclaredKeys()
    {
        var (root, path) = Root("[downloads]\nstore = \"x\"\n[downloads.s3]\nregion = \"eu\"\nsecret = \"x\"\n", "downloads");
        var downloads = root.Table("downloads", "store", "s3");

        var error = Assert.Throws<HeraldException>(() => downloads.Table("s3", "endpoint", "region"));

        Assert.Equal($"{path}:5: unknown key 'secret' in [downloads.s3]; known keys: endpoint, region.", error.Message);
    }

    [Fact]
    public void TableArray_Entry_NamesItsKeysByTheArraysDottedPath()
    {
        var (root, path) = Root("[policy]\n\n[[policy.rule]]\nfrom = \"4.20\"\n\n[[policy.rule]]\nfrom = 5\n", "policy");
        var rules = root.Table("policy", "rule").TableArray("rule", "from");

        var error = Assert.Throws<HeraldException>(() => rules[1].String("from"));

        Assert.Equal(2, rules.Count);
        Assert.Equal("policy.rule", rules[1].Path);
        Assert.Equal($"{path}:7: 'policy.rule.from' must be a string in quotes, not the number 5.", error.Message);
    }

    [Fact]
    public void HasTable_KeyHoldingAValue_SaysItMustBeATable()
    {
        var (root, path) = Root("[downloads]\ns3 = \"bucket\"\n", "downloads");
        var downloads = root.Table("downloads", "s3");

        var error = Assert.Throws<HeraldException>(() => downloads.HasTable("s3"));

        Assert.Equal($"{path}:2: 'downloads.s3' must be a table ([downloads.s3]).", error.Message);
    }

    [Fact]
    public void Integer_OutOfRange_NamesTheKeyTheValueAndTheRange()
    {
        var (root, path) = Root("# top\nlimit = 0\n", "limit");

        var error = Assert.Throws<HeraldException>(() => root.Integer("limit", 1, 10));

        Assert.Equal($"{path}:2: 'limit' is 0; it must be between 1 and 10.", error.Message);
    }

    [Fact]
    public void Integer_WholeFloat_IsDescribedAsAFloat()
    {
        var (root, _) = Root("limit = 3.0\n", "limit");

        var error = Assert.Throws<HeraldException>(() => root.Integer("limit", 1, 10));

        Assert.Contains("'limit' must be a whole number, not the number 3.0.", error.Message);
    }

    [Fact]
    public void RejectUnknownKeys_TopLevel_SaysAtTheTopLevel()
    {
        var (root, path) = Root("project = 1\nextra = 2\n", "project");

        var error = Assert.Throws<HeraldException>(root.RejectUnknownKeys);

        Assert.Equal($"{path}:2: unknown key 'extra' at the top level; known keys: project.", error.Message);
    }

    private (TomlSection Root, string Path) Root(string toml, params string[] keys)
    {
        var path = _files.WriteFile("herald.toml", toml);
        return (TomlSection.Root(TomlDocument.Load(path), keys), path);
    }
}
