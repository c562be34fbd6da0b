using Herald.Configuration;
using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Configuration;

/// <summary>Every configuration error names the file, the line and the fix.</summary>
public sealed class ConfigLoaderErrorTests : IDisposable
{
    private readonly RepoBuilder _builder = RepoBuilder.Create().Commit("Initial import");

    private string ConfigPath => Path.Combine(_builder.Path, ConfigLoader.FileName);

    [Fact]
    public void Load_UnknownKey_NamesFileLineKeyAndTheKnownKeys()
    {
        var error = LoadWith("""
            [project]
            name = "Xen"
            colour = "blue"
            """);

        Assert.StartsWith($"{ConfigPath}:3: ", error.Message);
        Assert.Contains("unknown key 'colour' in [project]", error.Message);
        Assert.Contains("known keys: name, slug", error.Message);
    }

    [Fact]
    public void Load_UnknownTable_NamesFileLineAndTheKnownTables()
    {
        var error = LoadWith("""
            [project]
            name = "Xen"

            [publish]
            url = "https://example.com"
            """);

        Assert.StartsWith($"{ConfigPath}:4: ", error.Message);
        Assert.Contains("unknown key 'publish' at the top level", error.Message);
        Assert.Contains("project, releases, stats", error.Message);
    }

    [Fact]
    public void Load_SlugIsANumber_SaysItMustBeAString()
    {
        var error = LoadWith("""
            [project]
            slug = 5
            """);

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("'project.slug' must be a string in quotes, not the number 5", error.Message);
    }

    [Fact]
    public void Load_SlugWithSpaces_SaysWhatASlugMayHold()
    {
        var error = LoadWith("""
            # comment line
            [project]
            slug = "Xen Project"
            """);

        Assert.StartsWith($"{ConfigPath}:3: ", error.Message);
        Assert.Contains("may hold only lower-case letters", error.Message);
        Assert.Contains("slug = \"xen\"", error.Message);
    }

    [Fact]
    public void Load_ProjectIsNotATable_SaysItMustBeATable()
    {
        var error = LoadWith("project = \"xen\"\n");

        Assert.StartsWith($"{ConfigPath}:1: ", error.Message);
        Assert.Contains("'project' must be a table ([project])", error.Message);
    }

    [Fact]
    public void Load_TagWithoutVersion_SaysWhereTheVersionGoes()
    {
        var error = LoadWith("""
            [releases]
            candidate = "{version}-rc{n}"
            tag = "RELEASE-"
            """);

        Assert.StartsWith($"{ConfigPath}:3: releases.tag: ", error.Message);
        Assert.Contains("has no {version}", error.Message);
        Assert.Contains("e.g. \"RELEASE-{version}\"", error.Message);
    }

    [Fact]
    public void Load_CandidateWithoutN_SaysWhereTheNumberGoes()
    {
        var error = LoadWith("""
            [releases]
            tag = "RELEASE-{version}"
            candidate = "{version}-rc"
            """);

        Assert.StartsWith($"{ConfigPath}:3: releases.candidate: ", error.Message);
        Assert.Contains("has no {n}", error.Message);
        Assert.Contains("e.g. \"{version}-rc{n}\"", error.Message);
    }

    [Fact]
    public void Load_BranchWithUnknownPlaceholder_SaysWhichMayAppear()
    {
        var error = LoadWith("""
            [releases]
            tag = "RELEASE-{version}"
            candidate = "{version}-rc{n}"
            branch = "stable-{version}"
            """);

        Assert.StartsWith($"{ConfigPath}:4: releases.branch: ", error.Message);
        Assert.Contains("unknown placeholder", error.Message);
        Assert.Contains("{series}", error.Message);
    }

    [Fact]
    public void Load_TagWithCharacterGitRefuses_SaysSo()
    {
        var error = LoadWith("""
            [releases]
            tag = "RELEASE {version}"
            """);

        Assert.StartsWith($"{ConfigPath}:2: releases.tag: ", error.Message);
        Assert.Contains("does not allow in ref names", error.Message);
    }

    [Fact]
    public void Load_MainlineThatIsNoBranchName_SaysWhatToWrite()
    {
        var error = LoadWith("""
            [releases]
            mainline = "--all"
            """);

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("releases.mainline \"--all\" is not a branch name", error.Message);
    }

    [Fact]
    public void Load_AliasesFileMissing_NamesItAndWhereItWasLookedFor()
    {
        var error = LoadWith("""
            [stats]

            aliases = "gitdm/aliases"
            """);

        Assert.StartsWith($"{ConfigPath}:3: stats.aliases: ", error.Message);
        Assert.Contains("\"gitdm/aliases\" not found", error.Message);
        Assert.Contains(Path.Combine(_builder.Path, "gitdm", "aliases"), error.Message);
        Assert.Contains("relative to the configuration file", error.Message);
    }

    [Fact]
    public void Load_DomainMapMissing_NamesIt()
    {
        var error = LoadWith("""
            [stats]
            domain_map = "domains"
            """);

        Assert.StartsWith($"{ConfigPath}:2: stats.domain_map: ", error.Message);
        Assert.Contains("\"domains\" not found", error.Message);
    }

    [Fact]
    public void Load_BuiltinDomainMapNotABoolean_SaysTrueOrFalse()
    {
        var error = LoadWith("""
            [stats]
            builtin_domain_map = "no"
            """);

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("must be true or false, not the string \"no\"", error.Message);
    }

    [Fact]
    public void Load_TomlSyntaxError_NamesFileAndLine()
    {
        var error = LoadWith("""
            [project]
            name = "Xen"
            slug = "unterminated
            """);

        Assert.StartsWith($"{ConfigPath}:3: ", error.Message);
        Assert.Contains("fix the TOML syntax on that line", error.Message);
    }

    [Fact]
    public void Load_DuplicateKey_NamesFileAndLine()
    {
        var error = LoadWith("""
            [project]
            name = "Xen"
            name = "Xen again"
            """);

        Assert.StartsWith($"{ConfigPath}:3: ", error.Message);
    }

    [Fact]
    public void Load_ExplicitConfigMissing_NamesThePathAndTheOption()
    {
        var error = Assert.Throws<HeraldException>(() =>
            ConfigLoader.Load(GitRepository.Open(_builder.Path), "conf/missing.toml", _builder.RootPath));

        Assert.StartsWith("conf/missing.toml: configuration file not found", error.Message);
        Assert.Contains("--config", error.Message);
    }

    [Fact]
    public void Load_ExplicitConfigIsAFolder_IsNotFound()
    {
        var error = Assert.Throws<HeraldException>(() =>
            ConfigLoader.Load(GitRepository.Open(_builder.Path), _builder.RootPath, _builder.RootPath));

        Assert.Contains("configuration file not found", error.Message);
    }

    public void Dispose() => _builder.Dispose();

    private HeraldException LoadWith(string toml)
    {
        _builder.WriteFile(ConfigLoader.FileName, toml + "\n");
        return Assert.Throws<HeraldException>(() => ConfigLoader.Load(GitRepository.Open(_builder.Path), null, _builder.Path));
    }
}
