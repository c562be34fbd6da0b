using System.Globalization;
using Herald.Tests.Policy;
using Herald.Tests.Publishing;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>
/// <c>herald advisory create|update|publish|list|show</c> in-process on a repository whose commits name
/// XSA-3 and XSA-7: numbering, the clear-signed text (checked with the real gpg), errors that store nothing.
/// </summary>
public sealed class AdvisoryCliTests : IClassFixture<PublishingFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly PublishingFixture _keys;
    private readonly TempDirectory _files = TempDirectory.Create();
    private readonly RepoBuilder _repo = RepoBuilder.Create();
    private readonly string _config;
    private readonly string _data;
    private readonly string _passphrase;

    public AdvisoryCliTests(PublishingFixture keys)
    {
        _keys = keys;
        static DateTimeOffset Day(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);
        _repo.Commit("Initial import", date: Day(1, 4));
        _repo.AnnotatedTag("RELEASE-1.0.0", "1.0.0", date: Day(1, 11));
        _repo.Commit("x86: fix a leak\n\nThis is XSA-3 / CVE-2026-1001.", date: Day(2, 10));
        _repo.Commit("xen: fix an overflow\n\nThis is part of xsa-7.", date: Day(3, 10));
        _config = _files.WriteFile("config/herald.toml", """
            [project]
            name = "Fixture"
            slug = "fixture"
            homepage = "https://git.example.org/fixture.git"

            [releases]
            tag = "RELEASE-{version}"
            branch = "stable-{series}"

            """);
        _data = _files.Combine("data");
        _passphrase = _files.WriteFile("pass.txt", PublishingFixture.Passphrase + "\n");
    }

    public void Dispose()
    {
        _repo.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Create_Embargoed_NumberAfterTheCommitsAndASignedTextGpgAccepts()
    {
        var body = _files.WriteFile("body.md", "A guest can crash the host.\n\nIMPACT\n\nDenial of service.\n\n## Credits\n\n-- found by Alice\n");
        var patch = _files.WriteFile("patches/xsa8-1.0.patch", "--- a/x\n+++ b/x\n");

        var created = await RunAsync([
            "advisory", "create", "--title", "x86: guest can crash the host", "--cve", "CVE-2026-2002", "--affects", "1.0",
            "--embargo-until", "2030-01-01T12:00Z", "--body", body, "--patch", "stable-1.0=" + patch, "--hold", "1.0.1", "--json", .. Signing()]);

        Assert.Equal(0, created.ExitCode);
        var json = created.Json();
        Assert.Equal("XSA-8", json.GetProperty("id").GetString());
        Assert.Equal(8, json.GetProperty("number").GetInt32());
        Assert.Equal("embargoed", json.GetProperty("state").GetString());
        Assert.Equal("2030-01-01T12:00:00Z", json.GetProperty("embargoUntil").GetString());
        Assert.Equal(1, json.GetProperty("revision").GetInt32());
        Assert.Equal(["CVE-2026-2002"], json.GetProperty("cves").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["1.0"], json.GetProperty("affects").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["1.0.1"], json.GetProperty("heldReleases").EnumerateArray().Select(c => c.GetString()));
        Assert.True(json.GetProperty("signed").GetBoolean());
        var stored = Assert.Single(json.GetProperty("patches").EnumerateArray());
        Assert.Equal("xsa8-1.0.patch", stored.GetProperty("fileName").GetString());
        Assert.Equal("stable-1.0", stored.GetProperty("branch").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(patch))), stored.GetProperty("sha256").GetString());
        Assert.Equal(new FileInfo(patch).Length, stored.GetProperty("size").GetInt64());
        Assert.Contains("herald: [mail] is not configured in herald.toml: no mail was sent to the pre-disclosure list for XSA-8 v1.", created.ErrorLines);

        var text = await RunAsync("advisory", "show", "XSA-8", "--text");
        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n", text.Out, StringComparison.Ordinal);
        Assert.Contains("Fixture Security Advisory CVE-2026-2002 / XSA-8", text.Out, StringComparison.Ordinal);
        Assert.Contains("This issue is under embargo until 2030-01-01 12:00 UTC", text.Out, StringComparison.Ordinal);
        Assert.Contains("\n- -- found by Alice\n", text.Out, StringComparison.Ordinal);
        Assert.Contains($"{stored.GetProperty("sha256").GetString()}  xsa8-1.0.patch\n", text.Out, StringComparison.Ordinal);

        var signed = _files.WriteFile("xsa8.txt.asc", text.Out);
        var verified = _keys.Gpg("--batch", "--verify", signed);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("Good signature", verified.Output, StringComparison.Ordinal);

        var tampered = _files.WriteFile("xsa8-tampered.txt.asc", text.Out.Replace("Denial of service.", "Nothing to see.", StringComparison.Ordinal));
        var refused = _keys.Gpg("--batch", "--verify", tampered);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("BAD signature", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_NewVersion_UpdatesInTheTextAndTheVersionsListed()
    {
        Assert.Equal(0, (await RunAsync("advisory", "create", "--title", "a draft", "--json")).ExitCode);

        var updated = await RunAsync("advisory", "update", "xsa-8", "--updates", "CVE assigned.", "--cve", "CVE-2026-3003", "--json");
        var listed = await RunAsync("advisory", "list", "--json");
        var text = await RunAsync("advisory", "show", "XSA-8", "--text");

        Assert.Equal(0, updated.ExitCode);
        Assert.Equal(2, updated.Json().GetProperty("revision").GetInt32());
        Assert.Equal("draft", updated.Json().GetProperty("state").GetString());
        Assert.False(updated.Json().GetProperty("signed").GetBoolean());
        Assert.Contains("herald: no release key (DATA/keys/secret.asc, or --key): the text is stored unsigned; 'herald key generate' makes one.", updated.ErrorLines);
        Assert.Equal(["", "CVE assigned."], updated.Json().GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("updates").GetString()));
        var entry = Assert.Single(listed.Json().EnumerateArray());
        Assert.Equal("XSA-8", entry.GetProperty("id").GetString());
        Assert.Equal("draft", entry.GetProperty("state").GetString());
        Assert.Contains("version 2", text.Out, StringComparison.Ordinal);
        Assert.Contains("UPDATES IN VERSION 2\n====================\n\nCVE assigned.\n", text.Out, StringComparison.Ordinal);
        Assert.Contains("Fixture Security Advisory CVE-2026-3003 / XSA-8", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("under embargo", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Table_EveryAdvisoryWithStateAndEmbargo()
    {
        await RunAsync("advisory", "create", "--title", "first, a draft");
        await RunAsync("advisory", "create", "--title", "second, embargoed", "--embargo-until", "2030-01-01T12:00:00+00:00", "--number", "20");

        var table = await RunAsync("advisory", "list");

        Assert.Equal(0, table.ExitCode);
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ID      STATE      EMBARGO UNTIL      VER  TITLE", lines[0]);
        Assert.Equal("XSA-20  embargoed  2030-01-01 12:00Z    1  second, embargoed", lines[1]);
        Assert.Equal("XSA-8   draft      -                    1  first, a draft", lines[2]);
    }

    [Fact]
    public async Task Publish_BeforeTheEmbargoWithoutReason_RefusedWithTheTime()
    {
        await RunAsync("advisory", "create", "--title", "embargoed", "--embargo-until", "2030-01-01T12:00Z");

        var refused = await RunAsync("advisory", "publish", "XSA-8");
        var noReason = await RunAsync("advisory", "publish", "XSA-8", "--now");
        var reasonAlone = await RunAsync("advisory", "publish", "XSA-8", "--reason", "exploited");
        var state = await RunAsync("advisory", "list", "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("XSA-8 is under embargo until 2030-01-01 12:00 UTC", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--now --reason", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, noReason.ExitCode);
        Assert.Equal(1, reasonAlone.ExitCode);
        Assert.Contains("--reason goes with --now", reasonAlone.Error, StringComparison.Ordinal);
        Assert.Equal("embargoed", state.Json()[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Publish_NowWithReason_PublicReasonRecordedTextWithoutEmbargo()
    {
        await RunAsync("advisory", "create", "--title", "embargoed", "--embargo-until", "2030-01-01T12:00Z");

        var published = await RunAsync(["advisory", "publish", "XSA-8", "--now", "--reason", "Exploited in the wild.", "--json", .. Signing()]);
        var text = await RunAsync("advisory", "show", "XSA-8", "--text");
        var again = await RunAsync("advisory", "publish", "XSA-8");

        Assert.Equal(0, published.ExitCode);
        Assert.Equal("public", published.Json().GetProperty("state").GetString());
        Assert.Equal("Exploited in the wild.", published.Json().GetProperty("earlyReason").GetString());
        Assert.Equal(Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), published.Json().GetProperty("publishedAt").GetString());
        Assert.DoesNotContain("under embargo", text.Out, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----", text.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("XSA-8 is public already", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ADraft_PublishesThePostHeldForItAndRecordsThePublicationComplete()
    {
        var body = Path.Combine(_files.Path, "post.md");
        await File.WriteAllTextAsync(body, "Fixes for XSA-8 are in 1.0.1.");
        var post = await RunAsync("post", "new", "--title", "Security fixes", "--file", body, "--slug", "security-fixes", "--draft");
        await RunAsync("advisory", "create", "--title", "A draft", "--hold-post", "security-fixes");

        var published = await RunAsync("advisory", "publish", "XSA-8", "--json");
        var posts = await RunAsync("post", "list", "--json");

        Assert.Equal(0, post.ExitCode);
        Assert.Equal(0, published.ExitCode);
        var publication = published.Json().GetProperty("publication");
        Assert.Equal(["security-fixes"], publication.GetProperty("postsPublished").EnumerateArray().Select(p => p.GetString()));
        Assert.True(publication.GetProperty("completed").GetBoolean());
        Assert.True(posts.Json().EnumerateArray().Single(p => p.GetProperty("slug").GetString() == "security-fixes").GetProperty("published").GetBoolean());
    }

    [Theory]
    [InlineData("2030-01-01 12:00")]
    [InlineData("2030-01-01T12:00+02:00")]
    [InlineData("soon")]
    public async Task Create_BadEmbargoTime_RefusedNamingTheValueNothingStored(string value)
    {
        var refused = await RunAsync("advisory", "create", "--title", "t", "--embargo-until", value);
        var listed = await RunAsync("advisory", "list", "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"herald: --embargo-until '{value}' is not a UTC time; give it as ISO-8601 in UTC, e.g. --embargo-until 2030-01-01T12:00Z.", Assert.Single(refused.ErrorLines));
        Assert.Equal(0, listed.Json().GetArrayLength());
    }

    [Fact]
    public async Task Create_EmbargoInThePast_Refused()
    {
        var refused = await RunAsync("advisory", "create", "--title", "t", "--embargo-until", "2026-01-01T00:00Z");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("2026-01-01T00:00Z is not in the future", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PatchMissingFolderOrMalformed_RefusedNamingTheValueNothingStored()
    {
        var folder = _files.CreateSubdirectory("a-folder");

        var missing = await RunAsync("advisory", "create", "--title", "t", "--patch", "stable-1.0=/nonexistent/x.patch");
        var directory = await RunAsync("advisory", "create", "--title", "t", "--patch", "stable-1.0=" + folder);
        var malformed = await RunAsync("advisory", "create", "--title", "t", "--patch", "x.patch");
        var listed = await RunAsync("advisory", "list", "--json");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--patch stable-1.0=/nonexistent/x.patch: no such file /nonexistent/x.patch.", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, directory.ExitCode);
        Assert.Contains("is a folder", directory.Error, StringComparison.Ordinal);
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("--patch 'x.patch' is not BRANCH=FILE", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(0, listed.Json().GetArrayLength());
    }

    [Fact]
    public async Task Create_PatchOverTenMegabytes_Refused()
    {
        var big = _files.Combine("big.patch");
        await File.WriteAllBytesAsync(big, new byte[(10 * 1024 * 1024) + 1]);

        var refused = await RunAsync("advisory", "create", "--title", "t", "--patch", "stable-1.0=" + big);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("has more than 10 MB", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NumberNamedByACommit_Refused()
    {
        var refused = await RunAsync("advisory", "create", "--title", "t", "--number", "7");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("advisory number 7 is taken", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("publish")]
    public async Task UnknownAdvisory_RefusedNamingIt(string verb)
    {
        var refused = await RunAsync("advisory", verb, "XSA-999");
        var update = await RunAsync("advisory", "update", "XSA-999", "--updates", "x");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("herald: no advisory 'XSA-999' is managed here; 'herald advisory list' shows them.", Assert.Single(refused.ErrorLines));
        Assert.Equal(1, update.ExitCode);
        Assert.Contains("no advisory 'XSA-999'", update.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowOsv_AfterTheFixLanded_AGitRangeAtTheFixCommit()
    {
        await RunAsync("advisory", "create", "--title", "t", "--affects", "1.0", "--embargo-until", "2030-01-01T12:00Z");
        _repo.Branch("stable-1.0", "RELEASE-1.0.0").Checkout("stable-1.0");
        _repo.Commit("x86: the fix\n\nThis is XSA-8.", date: new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero));
        var fix = _repo.LastSha;
        _repo.AnnotatedTag("RELEASE-1.0.1", "1.0.1", date: new DateTimeOffset(2026, 10, 2, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await RunAsync("index")).ExitCode);

        var osv = await RunAsync("advisory", "show", "XSA-8", "--osv");

        Assert.True(osv.ExitCode == 0, osv.ToString());
        Assert.True(osv.Out.Contains("\"affected\"", StringComparison.Ordinal), osv.ToString());
        var record = osv.Json();
        Assert.Equal("x_XSA-8", record.GetProperty("id").GetString());
        var range = record.GetProperty("affected")[0].GetProperty("ranges").EnumerateArray().Single(r => r.GetProperty("database_specific").GetProperty("branch").GetString() == "stable-1.0");
        Assert.Equal(fix, range.GetProperty("events")[1].GetProperty("fixed").GetString());
        Assert.Equal("1.0.1", range.GetProperty("database_specific").GetProperty("fixed_in").GetString());
        Assert.Equal(["1.0.0"], record.GetProperty("affected")[0].GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Create_OtherPrefix_NumberAfterThoseTheCommitsName()
    {
        var config = _files.WriteFile("other/herald.toml", """
            [project]
            name = "Other"
            slug = "other"

            [security]
            prefix = "OSA"

            """);
        _repo.Commit("net: fix a crash\n\nThis is osa-41 (not XSA-90).");

        var created = await ClockedCli.RunAsync(
            ["advisory", "create", "--title", "t", "--json", "--repo", _repo.Path, "--config", config, "--data", _files.Combine("other-data")],
            _files.CreateSubdirectory("cwd"),
            _files.CreateSubdirectory("xdg"),
            Now);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("OSA-42", created.Json().GetProperty("id").GetString());
    }

    [Fact]
    public async Task CreateAndList_OnPostgreSql_TheSameAsOnSqlite()
    {
        await using var postgres = await Herald.Tests.Storage.PostgresTestDatabase.CreateAsync();

        var created = await RunAsync("advisory", "create", "--title", "on PostgreSQL", "--embargo-until", "2030-01-01T12:00Z", "--json", "--database", postgres.ConnectionString);
        var listed = await RunAsync("advisory", "list", "--json", "--database", postgres.ConnectionString);
        var onSqlite = await RunAsync("advisory", "list", "--json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("XSA-8", created.Json().GetProperty("id").GetString());
        Assert.Equal(["XSA-8"], listed.Json().EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("embargoed", listed.Json()[0].GetProperty("state").GetString());
        Assert.Equal(0, onSqlite.Json().GetArrayLength());
    }

    private string[] Signing() => ["--key", Path.Combine(_keys.KeyFolder, "secret.asc"), "--passphrase-file", _passphrase];

    private Task<ClockedRun> RunAsync(params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", _repo.Path, "--config", _config, "--data", _data], _files.CreateSubdirectory("cwd"), _files.CreateSubdirectory("xdg"), Now);
}
