using Herald.Configuration;
using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Releases;

/// <summary>
/// Tag schemes real projects use beyond <c>RELEASE-X.Y.Z</c>: tags of tags, four parts, letter suffixes,
/// other separators, schemes that changed over time, pre-release words, one maintenance branch.
/// Each on a real repository.
/// </summary>
public sealed class TagSchemeFormsTests : IDisposable
{
    private readonly RepoBuilder _repo = RepoBuilder.Create();

    public void Dispose() => _repo.Dispose();

    private ReleaseCatalog Catalog(TagScheme scheme) => ReleaseCatalog.Read(GitRepository.Open(_repo.Path), scheme);

    private static Release Find(ReleaseCatalog catalog, string version) =>
        catalog.Find(ReleaseVersion.Parse(version)) ?? throw new InvalidOperationException($"no release {version}");

    [Fact]
    public void Catalog_TagOfATag_IsPeeledToItsCommitWithTheOuterTagsDate()
    {
        _repo.Commit("initial").AnnotatedTag("RELEASE-4.4.0");
        _repo.Commit("work for 4.5");
        var commit = _repo.LastSha;
        _repo.AnnotatedTag("4.5.0-inner", date: new DateTimeOffset(2015, 1, 10, 0, 0, 0, TimeSpan.Zero));
        _repo.TagOfTag("4.5.0-middle", "4.5.0-inner");
        _repo.TagOfTag("RELEASE-4.5.0", "4.5.0-middle", date: new DateTimeOffset(2015, 1, 15, 12, 0, 0, TimeSpan.Zero));
        _repo.Commit("fix").AnnotatedTag("RELEASE-4.5.1");

        var catalog = Catalog(TagScheme.Xen);
        var release = Find(catalog, "4.5.0");

        Assert.Equal(commit, release.Commit);
        Assert.Equal(new DateTimeOffset(2015, 1, 15, 12, 0, 0, TimeSpan.Zero), release.Date);
        Assert.True(release.Annotated);
        var resolver = new TargetResolver(GitRepository.Open(_repo.Path), catalog);
        Assert.Equal("RELEASE-4.5.0", resolver.Resolve("4.5.1").From);
        Assert.Equal("RELEASE-4.4.0", resolver.Resolve("4.5.0").From);
    }

    [Fact]
    public void Catalog_FourParts_OrderedBetweenPointReleasesWithRangeFromTheirBase()
    {
        _repo.Commit("a").Tag("v1.4.0").Commit("b").Tag("v1.4.1");
        _repo.CheckoutNew("maint").Commit("c").Tag("v1.4.1.1").Checkout("master");
        _repo.Commit("d").Tag("v1.4.2");

        var catalog = Catalog(new TagScheme("v{version}", "v{version}-rc{n}", "maint"));

        Assert.Equal(["1.4.0", "1.4.1", "1.4.1.1", "1.4.2"], catalog.Releases.Select(r => r.Version.ToString()));
        Assert.Equal("1.4.1", ReleaseRange.Previous(catalog, Find(catalog, "1.4.1.1"))?.Version.ToString());
        Assert.Equal("1.4", Find(catalog, "1.4.1.1").Series.ToString());
    }

    [Fact]
    public void Catalog_LetterSuffixesWithUnderscores_OrderedAlphabeticallyAfterTheirBase()
    {
        _repo.Commit("a").Tag("OpenSSL_1_1_0").Commit("b").Tag("OpenSSL_1_1_1");
        foreach (var letter in new[] { "a", "v", "w", "z", "za" })
        {
            _repo.Commit("fix " + letter).Tag("OpenSSL_1_1_1" + letter);
        }

        var catalog = Catalog(new TagScheme("OpenSSL_{major}_{minor}_{patch}{letter}", "OpenSSL_{major}_{minor}_{patch}-pre{n}", "OpenSSL_{major}_{minor}-stable"));

        Assert.Equal(["1.1.0", "1.1.1", "1.1.1a", "1.1.1v", "1.1.1w", "1.1.1z", "1.1.1za"], catalog.Releases.Select(r => r.Version.ToString()));
        Assert.Equal("OpenSSL_1_1_1w", Find(catalog, "1.1.1w").Tag);
        Assert.Equal("1.1.1v", ReleaseRange.Previous(catalog, Find(catalog, "1.1.1w"))?.Version.ToString());
    }

    [Fact]
    public void Catalog_OtherSeparators_ReadThroughTheParts()
    {
        _repo.Commit("a").Tag("name-8_20_0").Commit("b").Tag("name-8_21_0").Commit("c").Tag("name-8_21_1");

        var catalog = Catalog(new TagScheme("name-{major}_{minor}_{patch}", "name-{major}_{minor}_{patch}-rc{n}", "name-{major}_{minor}"));

        Assert.Equal(["8.20.0", "8.21.0", "8.21.1"], catalog.Releases.Select(r => r.Version.ToString()));
        Assert.Equal("name-8_21_0", new TagScheme("name-{major}_{minor}_{patch}", "{version}-rc{n}", "stable-{series}").TagFor(ReleaseVersion.Parse("8.21.0")));
    }

    [Fact]
    public void Catalog_SchemeThatChanged_IsOneHistoryAcrossEras()
    {
        _repo.Commit("a").Tag("v0.99").Commit("b").Tag("v1.0.0").Commit("c").Tag("v1.0.1").Commit("d").Tag("1.1.0").Commit("e").Tag("1.1.1");

        var catalog = Catalog(new TagScheme(["{version}", "v{version}"], ["{version}-rc{n}", "v{version}-rc{n}"], "stable-{series}"));

        Assert.Equal(["0.99.0", "1.0.0", "1.0.1", "1.1.0", "1.1.1"], catalog.Releases.Select(r => r.Version.ToString()));
        Assert.Equal("v1.0.0", ReleaseRange.Previous(catalog, Find(catalog, "1.1.0"))?.Tag);
        Assert.Equal("v1.0.1", ReleaseRange.Comparable(catalog, Find(catalog, "1.1.1"))?.Tag);
    }

    [Fact]
    public void Range_SeriesStartWithoutEarlierSeriesStart_StartsAtThePreviousReleaseNotTheRoot()
    {
        _repo.Commit("a").Commit("b").Tag("v0.9.5").Commit("c").Commit("d").Tag("v1.0.0");

        var catalog = Catalog(new TagScheme("v{version}", "v{version}-rc{n}", "stable-{series}"));
        var range = ReleaseRange.For(catalog, Find(catalog, "1.0.0"));

        Assert.Equal("v0.9.5", range.From?.Tag);
    }

    [Fact]
    public void Candidates_OtherWordsThanRc_KeepTheirWordAndOrderAlphaBetaPreRc()
    {
        _repo.Commit("a").Tag("2.0.0").Commit("b").Tag("3.0.0-alpha1").Commit("c").Tag("3.0.0-beta2").Commit("d").Tag("3.0.0-pre3")
            .Commit("e").Tag("3.0.0-rc1").Commit("f").Tag("3.0.0-alpha2");

        var catalog = Catalog(new TagScheme("{version}", "{version}-rc{n}", "stable-{series}"));

        Assert.Equal(["3.0.0-alpha1", "3.0.0-alpha2", "3.0.0-beta2", "3.0.0-pre3", "3.0.0-rc1"], catalog.Candidates.Select(c => c.Name));
        Assert.Equal(PreReleaseStage.Beta, catalog.Candidates.Single(c => c.Tag == "3.0.0-beta2").Stage);
    }

    [Fact]
    public void Candidates_PatternNamingTheSeries_ReadsTheCandidateOfItsFirstRelease()
    {
        _repo.Commit("a").Tag("v6.9").Commit("b").Tag("v7.0-rc1").Commit("c").Tag("v7.0-rc2").Commit("d").Tag("v7.0");

        var catalog = Catalog(new TagScheme("v{version}", "v{series}-rc{n}", "stable-{series}"));

        Assert.Equal(["7.0.0-rc1", "7.0.0-rc2"], catalog.Candidates.Select(c => c.Name));
        Assert.Equal(["6.9.0", "7.0.0"], catalog.Releases.Select(r => r.Version.ToString()));
    }

    [Fact]
    public void Branches_PatternWithoutSeries_IsTheMaintenanceBranchOfTheNewestSeries()
    {
        _repo.Commit("a").Tag("v2.0.0").Commit("b").Tag("v2.1.0").Branch("maint").Commit("c");

        var catalog = Catalog(new TagScheme("v{version}", "v{version}-rc{n}", "maint"));

        Assert.Equal("maint", Assert.Single(catalog.StableBranches).Value);
        Assert.Equal(SeriesId.Parse("2.1"), catalog.StableBranches.Single().Key);
    }

    [Theory]
    [InlineData("proj-{series}", "proj-1.0")]
    [InlineData("{series}.x", "1.0.x")]
    [InlineData("v{series}.x", "v1.0.x")]
    [InlineData("release-{series}", "release-1.0")]
    public void Detect_BranchForms_Recognised(string expected, string branch)
    {
        _repo.Commit("a").Tag("proj-1.0.0").Branch(branch).Commit("b").Tag("proj-1.1.0").Commit("c").Tag("proj-1.2.0");

        var (scheme, _) = TagSchemeDetector.Detect(RefListing.Read(GitRepository.Open(_repo.Path)));

        Assert.Equal("proj-{version}", scheme.TagPattern);
        Assert.Equal(expected, scheme.BranchPattern);
    }

    [Fact]
    public void Config_TagPatternMatchingNothing_IsAnErrorNamingThePatternAndTheClosestTags()
    {
        _repo.Commit("a").AnnotatedTag("RELEASE-4.18.0").Commit("b").AnnotatedTag("RELEASE-4.19.0").Commit("c").Tag("4.20.0-rc1").Tag("unrelated");
        _repo.WriteFile(ConfigLoader.FileName, "[releases]\ntag = [\"RELEASE-{version}\", \"release_{version}\"]\n");

        var error = Assert.Throws<HeraldException>(() => ConfigLoader.Load(GitRepository.Open(_repo.Path), null, _repo.Path));

        Assert.Contains("herald.toml:2:", error.Message);
        Assert.Contains("\"release_{version}\" matches none of the repository's 4 tags", error.Message);
        Assert.Contains("(the closest: RELEASE-4.18.0, RELEASE-4.19.0, unrelated); correct the pattern or remove it", error.Message);
    }

    [Fact]
    public void Config_ListOfTagPatterns_IsOneReleaseHistory()
    {
        _repo.Commit("a").Tag("Name_1_0_2u").Commit("b").Tag("name-3.0.1");
        _repo.WriteFile(ConfigLoader.FileName, "[releases]\ntag = [\"name-{version}\", \"Name_{major}_{minor}_{patch}{letter}\"]\n");

        var config = ConfigLoader.Load(GitRepository.Open(_repo.Path), null, _repo.Path);
        var catalog = Catalog(config.Scheme);

        Assert.Equal(["1.0.2u", "3.0.1"], catalog.Releases.Select(r => r.Version.ToString()));
        Assert.Equal(["name-{version}-rc{n}", "Name_{major}_{minor}_{patch}{letter}-rc{n}"], config.Scheme.CandidatePatterns);
    }
}
