using System.Net;
using System.Xml.Linq;
using Herald.Publishing;
using Herald.Tests.Support;
using Herald.Tests.Web;
using Herald.Web;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Publishing;

/// <summary><c>herald publish --dev</c>: snapshots of branch heads, kept apart from releases.</summary>
public sealed class DevBuildTests(PublishingFixture fixture) : IClassFixture<PublishingFixture>
{
    private static readonly XNamespace s_atom = "http://www.w3.org/2005/Atom";

    private string NewFolder(string name) => fixture.Folder.CreateSubdirectory(name + "-" + Guid.NewGuid().ToString("N")[..8]);

    private HeraldProject OpenProject(string data) =>
        HeraldProject.Open(fixture.Repo.Path, null, data, fixture.Repo.Path, fixture.Folder.Path);

    [Fact]
    public async Task PublishDev_Master_WritesTheDevLayoutWithChecksumsAndSignatures()
    {
        var data = NewFolder("data");
        var project = OpenProject(data);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 9, 23, 30, 0, TimeSpan.Zero));
        var head = fixture.Repo.Git("rev-parse", "master").Trim();

        var result = await new DevPublisher(project, fixture.Key, clock).PublishAsync(ArtifactStore.For(project), "master", [], ["tar.gz"], keep: 10);

        var slug = project.Config.Slug;
        var folder = Path.Combine(data, "artifacts", "dev", slug, "master", "20250309-" + head[..12]);
        Assert.Equal($"dev/{slug}/master/20250309-{head[..12]}", result.Build.Folder(slug));
        Assert.Equal(
            new[] { $"{slug}-master-20250309-{head[..12]}.tar.gz", "SHA256SUMS", "SHA512SUMS" }.Order(StringComparer.Ordinal),
            result.Build.Files.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(result.Build.Files, f => Assert.True(File.Exists(Path.Combine(folder, f.Name + ".sig")), f.Name + ".sig"));
        var archive = Path.Combine(folder, $"{slug}-master-20250309-{head[..12]}.tar.gz");
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(archive))), File.ReadAllText(Path.Combine(folder, "SHA256SUMS")), StringComparison.Ordinal);
        Assert.Equal(0, fixture.Gpg("--batch", "--verify", archive + ".sig", archive).ExitCode);
    }

    [Fact]
    public async Task PublishDev_WithoutKey_PublishesUnsigned()
    {
        var data = NewFolder("data");
        var project = OpenProject(data);

        var result = await new DevPublisher(project, null, fixture.Clock).PublishAsync(ArtifactStore.For(project), "master", [], ["tar.gz"], keep: 10);

        Assert.All(result.Build.Files, f => Assert.Null(f.Signature));
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "artifacts", result.Build.Folder(project.Config.Slug)), "*.sig"));
    }

    [Fact]
    public async Task PublishDev_MoreThanKeep_RemovesTheOldestOfThatBranchOnly()
    {
        using var repo = RepoBuilder.Create()
            .Commit("one", files: new Dictionary<string, string> { ["a"] = "1\n" })
            .Branch("stable-1.0");
        using var work = TempDirectory.Create();
        var data = work.Combine("data");
        var project = HeraldProject.Open(repo.Path, null, data, repo.Path, work.Combine("xdg"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var store = ArtifactStore.For(project);
        await new DevPublisher(project, null, clock).PublishAsync(store, "stable-1.0", [], ["tar.gz"], keep: 2);
        var names = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            repo.Commit("change " + day, files: new Dictionary<string, string> { ["a"] = day + "\n" });
            clock.Advance(TimeSpan.FromDays(1));
            project = HeraldProject.Open(repo.Path, null, data, repo.Path, work.Combine("xdg"));
            var published = await new DevPublisher(project, null, clock).PublishAsync(store, "master", [], ["tar.gz"], keep: 2);
            names.Add(published.Build.Name);
        }

        var builds = await DevPublisher.ReadAsync(store, project.Config.Slug);

        Assert.Equal([names[2], names[1]], builds.Where(b => b.Branch == "master").Select(b => b.Name));
        Assert.Single(builds, b => b.Branch == "stable-1.0");
        Assert.False(Directory.Exists(Path.Combine(data, "artifacts", "dev", project.Config.Slug, "master", names[0])));
        Assert.StartsWith("20250104-", names[2], StringComparison.Ordinal);
        Assert.Empty(await Publisher.ReadPublishedAsync(store, project.Config.Slug, "master"));
        Assert.False(Directory.Exists(Path.Combine(data, "artifacts", "release")), "a development build must never be a release");
    }

    [Fact]
    public async Task PublishDev_UnknownOrOddBranch_IsRefusedWithTheName()
    {
        var project = OpenProject(NewFolder("data"));
        var publisher = new DevPublisher(project, null, fixture.Clock);

        var unknown = await Assert.ThrowsAsync<HeraldException>(() => publisher.PublishAsync(ArtifactStore.For(project), "no-such-branch", [], ["tar.gz"], 10));
        var odd = await Assert.ThrowsAsync<HeraldException>(() => publisher.PublishAsync(ArtifactStore.For(project), "../release", [], ["tar.gz"], 10));

        Assert.Contains("no-such-branch", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("../release", odd.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevPageAndFeed_AfterPublish_ListTheBuildAndNoRelease()
    {
        var data = NewFolder("data");
        var project = OpenProject(data);
        var result = await new DevPublisher(project, fixture.Key, fixture.Clock).PublishAsync(ArtifactStore.For(project), "master", [], ["tar.gz"], keep: 10);
        await using var host = PortalHost.Start(new PortalOptions { Repository = fixture.Repo.Path, Data = data }, fixture.Clock.GetUtcNow());
        await host.WaitUntilHealthyAsync();

        var page = await host.Client.GetStringAsync("/downloads/dev");
        var feed = XDocument.Parse(await host.Client.GetStringAsync("/feeds/dev.atom"));
        var archive = result.Build.Files.First(f => f.Name.EndsWith(".tar.gz", StringComparison.Ordinal));
        using var download = await host.Client.GetAsync("/downloads/" + archive.Path);
        var release = await host.Client.GetStringAsync("/releases/1.0.1");

        Assert.Contains(archive.Sha256, page, StringComparison.Ordinal);
        Assert.Contains("/downloads/" + archive.Path, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var entry = Assert.Single(feed.Root!.Elements(s_atom + "entry"));
        Assert.Equal("master " + result.Build.Name, entry.Element(s_atom + "title")!.Value);
        Assert.DoesNotContain(result.Build.Name, release, StringComparison.Ordinal);
    }
}
