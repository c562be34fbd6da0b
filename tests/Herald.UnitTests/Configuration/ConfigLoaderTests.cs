using Herald.Configuration;
using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string FullConfig = """
        [project]
        name = "Xen Project"
        slug = "xen"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        [stats]
        aliases = "gitdm/aliases"
        domain_map = "gitdm/domain-map"
        builtin_domain_map = false
        """;

    [Fact]
    public void Load_WorkTreeWithConfigInTopFolder_ReadsEveryContractKey()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        builder.WriteFile("gitdm/aliases", "alias@example.com real@example.com\n");
        builder.WriteFile("gitdm/domain-map", "example.com Example Inc.\n");
        builder.WriteFile(ConfigLoader.FileName, FullConfig);
        using var elsewhere = TempDirectory.Create();

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, elsewhere.Path);

        Assert.Equal("Xen Project", config.ProjectName);
        Assert.Equal("xen", config.Slug);
        Assert.Equal("RELEASE-{version}", config.Scheme.TagPattern);
        Assert.Equal("{version}-rc{n}", config.Scheme.CandidatePattern);
        Assert.Equal("stable-{series}", config.Scheme.BranchPattern);
        Assert.Equal(Path.Combine(builder.Path, "gitdm", "aliases"), config.AliasesPath);
        Assert.Equal(Path.Combine(builder.Path, "gitdm", "domain-map"), config.DomainMapPath);
        Assert.False(config.UseBuiltInDomainMap);
        Assert.Equal(Path.Combine(builder.Path, ConfigLoader.FileName), config.SourcePath);
        Assert.Null(config.DetectionNote);
    }

    [Fact]
    public void Load_Mainline_IsRead()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        builder.WriteFile(ConfigLoader.FileName, "[releases]\nmainline = \"develop\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, builder.Path);

        Assert.Equal("develop", config.Mainline);
    }

    [Fact]
    public void Load_NameWithoutSlug_DerivesTheSlug()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        builder.WriteFile(ConfigLoader.FileName, "[project]\nname = \"Xen Project: Hypervisor!\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, builder.Path);

        Assert.Equal("Xen Project: Hypervisor!", config.ProjectName);
        Assert.Equal("xen-project-hypervisor", config.Slug);
        Assert.True(config.UseBuiltInDomainMap);
        Assert.Null(config.AliasesPath);
    }

    [Fact]
    public void Load_ExplicitConfig_DataFilesAreRelativeToTheConfigFile()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        using var folder = TempDirectory.Create();
        folder.WriteFile("conf/herald.toml", "[stats]\naliases = \"aliases\"\ndomain_map = \"../maps/domains\"\n");
        folder.WriteFile("conf/aliases", "a@example.com b@example.com\n");
        folder.WriteFile("maps/domains", "example.com Example\n");
        folder.WriteFile("aliases", "not this one\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), "conf/herald.toml", folder.Path);

        Assert.Equal(folder.Combine("conf/herald.toml"), config.SourcePath);
        Assert.Equal(folder.Combine("conf/aliases"), config.AliasesPath);
        Assert.Equal(folder.Combine("maps/domains"), config.DomainMapPath);
    }

    [Fact]
    public void Load_ExplicitConfig_WinsOverTheOneInTheWorkTree()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        builder.WriteFile(ConfigLoader.FileName, "[project]\nslug = \"from-work-tree\"\n");
        using var folder = TempDirectory.Create();
        var explicitPath = folder.WriteFile("other.toml", "[project]\nslug = \"explicit\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), explicitPath, builder.Path);

        Assert.Equal("explicit", config.Slug);
        Assert.Equal(explicitPath, config.SourcePath);
    }

    [Fact]
    public void Load_WorkTreeConfigOnlyInCurrentDirectory_IsNotUsed()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        using var folder = TempDirectory.Create();
        folder.WriteFile(ConfigLoader.FileName, "[project]\nslug = \"current-directory\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, folder.Path);

        Assert.Null(config.SourcePath);
        Assert.NotEqual("current-directory", config.Slug);
    }

    [Fact]
    public void Load_RepositoryOpenedFromSubfolder_FindsConfigInWorkTreeTopFolder()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import", files: new Dictionary<string, string> { ["src/main.c"] = "int main;\n" });
        builder.WriteFile(ConfigLoader.FileName, "[project]\nslug = \"top-folder\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(Path.Combine(builder.Path, "src")), null, Path.Combine(builder.Path, "src"));

        Assert.Equal("top-folder", config.Slug);
        Assert.Equal(Path.Combine(builder.Path, ConfigLoader.FileName), config.SourcePath);
    }

    [Fact]
    public void Load_BareRepositoryWithConfigInCurrentDirectory_ReadsIt()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var bare = GitRepository.Open(builder.CloneBare());
        using var folder = TempDirectory.Create();
        var path = folder.WriteFile(ConfigLoader.FileName, "[project]\nname = \"Bare Project\"\n");

        var config = ConfigLoader.Load(bare, null, folder.Path);

        Assert.Equal("Bare Project", config.ProjectName);
        Assert.Equal(path, config.SourcePath);
    }

    [Fact]
    public void Load_BareRepositoryWithConfigInside_IgnoresIt()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var barePath = builder.CloneBare();
        File.WriteAllText(Path.Combine(barePath, ConfigLoader.FileName), "[project]\nslug = \"inside-bare\"\n");
        using var folder = TempDirectory.Create();

        var config = ConfigLoader.Load(GitRepository.Open(barePath), null, folder.Path);

        var expectedName = Path.GetFileName(barePath)[..^".git".Length];
        Assert.Null(config.SourcePath);
        Assert.Equal(expectedName, config.ProjectName);
        Assert.Equal(expectedName, config.Slug);
    }

    [Fact]
    public void Load_BareRepositoryRunFromInsideIt_NeverReadsConfigInsideTheRepository()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var barePath = builder.CloneBare();
        File.WriteAllText(Path.Combine(barePath, ConfigLoader.FileName), "[project]\nslug = \"inside-bare\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(barePath), null, barePath);

        Assert.Null(config.SourcePath);
        Assert.NotEqual("inside-bare", config.Slug);
    }

    [Fact]
    public void Load_BareRepositoryWithExplicitConfig_ReadsIt()
    {
        using var builder = RepoBuilder.Create().Commit("Initial import");
        var bare = GitRepository.Open(builder.CloneBare());
        using var folder = TempDirectory.Create();
        var path = folder.WriteFile("conf/xen.toml", "[project]\nslug = \"xen\"\n");

        var config = ConfigLoader.Load(bare, path, builder.RootPath);

        Assert.Equal("xen", config.Slug);
        Assert.Equal(path, config.SourcePath);
    }

    [Fact]
    public void Load_NoConfig_DetectsSchemeAndSaysWhatWasChosen()
    {
        using var builder = RepoBuilder.Create()
            .Commit("One").Tag("RELEASE-1.0.0").Branch("stable-1.0")
            .Commit("Two").Tag("1.1.0-rc1");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, builder.Path);

        Assert.Null(config.SourcePath);
        Assert.Equal("RELEASE-{version}", config.Scheme.TagPattern);
        Assert.Equal("{version}-rc{n}", config.Scheme.CandidatePattern);
        Assert.Equal("stable-{series}", config.Scheme.BranchPattern);
        Assert.NotNull(config.DetectionNote);
        Assert.StartsWith("no herald.toml; detected tags RELEASE-{version}", config.DetectionNote);
        Assert.Contains("1 release tags, 1 candidates, 1 stable branches", config.DetectionNote);
    }

    [Fact]
    public void Load_NoConfig_NamesTheProjectAfterItsFolder()
    {
        using var builder = RepoBuilder.Create().Commit("One");
        var folderName = Path.GetFileName(builder.RootPath);

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, builder.Path);

        Assert.Equal(folderName, config.ProjectName);
        Assert.Equal(ConfigLoader.Slugify(folderName), config.Slug);
    }

    [Fact]
    public void Load_ConfigWithoutReleases_DetectsSchemeAndNotesIt()
    {
        using var builder = RepoBuilder.Create().Commit("One").Tag("v1.0.0").Tag("v1.1.0-rc1");
        builder.WriteFile(ConfigLoader.FileName, "[project]\nname = \"Tool\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, builder.Path);

        Assert.Equal("v{version}", config.Scheme.TagPattern);
        Assert.Equal("v{version}-rc{n}", config.Scheme.CandidatePattern);
        Assert.NotNull(config.DetectionNote);
        Assert.StartsWith("detected tags v{version}", config.DetectionNote);
    }

    [Fact]
    public void Load_ConfigWithoutReleasesInRepositoryWithoutTags_NoteDoesNotDenyTheConfigFile()
    {
        using var builder = RepoBuilder.Create().Commit("One");
        builder.WriteFile(ConfigLoader.FileName, "[project]\nname = \"Tool\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, builder.Path);

        Assert.Equal(Path.Combine(builder.Path, ConfigLoader.FileName), config.SourcePath);
        Assert.NotNull(config.DetectionNote);
        Assert.DoesNotContain("no herald.toml", config.DetectionNote);
    }

    [Fact]
    public void Load_ConfigWithTagOnly_DerivesCandidateFromTag()
    {
        using var builder = RepoBuilder.Create().Commit("One").Branch("release/1.0");
        builder.WriteFile(ConfigLoader.FileName, "[releases]\ntag = \"tool-{version}\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, builder.Path);

        Assert.Equal("tool-{version}", config.Scheme.TagPattern);
        Assert.Equal("tool-{version}-rc{n}", config.Scheme.CandidatePattern);
        Assert.Equal("release/{series}", config.Scheme.BranchPattern);
    }

    [Fact]
    public void Load_ConfigWithTagOnly_NotesTheDetectedBranchPattern()
    {
        using var builder = RepoBuilder.Create().Commit("One").Branch("release/1.0");
        builder.WriteFile(ConfigLoader.FileName, "[releases]\ntag = \"tool-{version}\"\n");

        var config = ConfigLoader.Load(GitRepository.Open(builder.Path), null, builder.Path);

        Assert.NotNull(config.DetectionNote);
        Assert.Contains("release/{series}", config.DetectionNote);
    }

    [Theory]
    [InlineData("Xen Project", "xen-project")]
    [InlineData("  --Weird__Name..  ", "weird__name")]
    [InlineData("a  b", "a-b")]
    [InlineData("!!!", "project")]
    [InlineData("Ünïcode", "n-code")]
    public void Slugify_Name_GivesLowerCaseSlug(string name, string slug)
    {
        Assert.Equal(slug, ConfigLoader.Slugify(name));
    }

    [Fact]
    public void Slugify_LongName_IsCutTo64Characters()
    {
        Assert.Equal(64, ConfigLoader.Slugify(new string('a', 100)).Length);
    }
}
