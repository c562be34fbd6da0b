using Herald.Announcements;
using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Announcements;

public sealed class ReleaseNotesTests
{
    private const string Changelog = """
        # Changelog

        ## [Unreleased](https://example.org/log/staging)

        ### Added
         - Work in progress.

        ## [4.19.0](https://example.org/log/RELEASE-4.19.0) - 2024-07-29

        ### Changed
         - The minimum OCaml is 4.05.

        ```
        ## not a heading
        ```

        ### Added
         - A new x2APIC driver.

        ### Removed
         - caml-stubdom.

        ## 4.18.0 - 2023-11-16

        ### Fixed
         - A boot hang.

        ## v4.17 (2022-12-12)

        Nothing structured.
        """;

    [Fact]
    public void Parse_KeepAChangelog_ReadsEveryReleaseHeadingForm()
    {
        var sections = ReleaseNotes.Parse(Changelog);

        Assert.Equal(["Unreleased", "4.19.0", "4.18.0", "v4.17"], sections.Select(s => s.Name));
        Assert.Equal([null, new DateOnly(2024, 7, 29), new DateOnly(2023, 11, 16), new DateOnly(2022, 12, 12)], sections.Select(s => s.Date));
        Assert.Equal("https://example.org/log/RELEASE-4.19.0", sections[1].Link);
        Assert.Null(sections[2].Link);
    }

    [Fact]
    public void Find_Version_BodyWithoutHeadingAndItsSubsections()
    {
        var section = ReleaseNotes.Find(Changelog, "4.19.0");

        Assert.NotNull(section);
        Assert.StartsWith("### Changed\n - The minimum OCaml is 4.05.", section.Body, StringComparison.Ordinal);
        Assert.EndsWith("### Removed\n - caml-stubdom.", section.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("4.18.0", section.Body, StringComparison.Ordinal);
        Assert.Equal(["Changed", "Added", "Removed"], section.Subsections.Select(s => s.Title));
        Assert.Equal(" - The minimum OCaml is 4.05.\n\n```\n## not a heading\n```", section.Subsections[0].Body);
    }

    [Theory]
    [InlineData("4.17.0", "v4.17")]
    [InlineData("unreleased", "Unreleased")]
    [InlineData("4.18.0", "4.18.0")]
    public void Find_ByValue_MatchesOtherSpellings(string wanted, string name)
    {
        Assert.Equal(name, ReleaseNotes.Find(Changelog, wanted)?.Name);
    }

    [Fact]
    public void Find_MissingVersion_IsNull()
    {
        Assert.Null(ReleaseNotes.Find(Changelog, "4.16.0"));
    }

    [Fact]
    public void Sections_NotesFile_SplitsOnLevelTwoAndKeepsThePreambleApart()
    {
        const string notes = "Intro line.\n\n## New Features\n\n- one\n\n## Known Issues\n- two\n";

        Assert.Equal([new MarkdownSection("New Features", "- one"), new MarkdownSection("Known Issues", "- two")], ReleaseNotes.Sections(notes, 2));
        Assert.Equal("Intro line.", ReleaseNotes.Preamble(notes, 2));
    }

    [Fact]
    public void ReadChangelogs_ManyTags_TextAtEachTagAndNullWithoutTheFile()
    {
        using var repo = RepoBuilder.Create();
        repo.Commit("start", files: new Dictionary<string, string> { ["README"] = "r\n" }).Tag("v1.0.0");
        repo.Commit("changelog", files: new Dictionary<string, string> { ["CHANGELOG.md"] = "## 1.1.0\n- a\n" }).Tag("v1.1.0");
        repo.Commit("changelog 1.2", files: new Dictionary<string, string> { ["CHANGELOG.md"] = "## 1.2.0\n- b\n\n## 1.1.0\n- a\n" }).Tag("v1.2.0");

        var texts = ReleaseNotes.ReadChangelogs(GitRepository.Open(repo.Path), ["v1.0.0", "v1.1.0", "v1.2.0", "v1.1.0"]);

        Assert.Equal(3, texts.Count);
        Assert.Null(texts["v1.0.0"]);
        Assert.Equal("## 1.1.0\n- a\n", texts["v1.1.0"]);
        Assert.Equal("- b", ReleaseNotes.Find(texts["v1.2.0"]!, "1.2.0")?.Body);
    }
}
