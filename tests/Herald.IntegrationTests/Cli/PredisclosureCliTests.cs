using Herald.Advisories;
using Herald.Tests.Policy;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary><c>herald predisclosure add|list|remove</c>: the token shown once and stored only as its hash.</summary>
public sealed class PredisclosureCliTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _files = TempDirectory.Create();
    private readonly RepoBuilder _repo = RepoBuilder.Create().Commit("Initial import");

    public void Dispose()
    {
        _repo.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Add_Json_OrgEmailAndATokenShownOnceStoredOnlyHashed()
    {
        var added = await RunAsync("predisclosure", "add", "--org", "Example Cloud", "--email", "Security@Example.com", "--json");
        var listed = await RunAsync("predisclosure", "list", "--json");

        Assert.Equal(0, added.ExitCode);
        var json = added.Json();
        Assert.Equal(["org", "email", "token"], ClockedRun.Keys(json));
        Assert.Equal("Example Cloud", json.GetProperty("org").GetString());
        Assert.Equal("security@example.com", json.GetProperty("email").GetString());
        var token = json.GetProperty("token").GetString()!;
        Assert.True(PredisclosureList.LooksLikeToken(token), token);
        Assert.Equal(0, listed.ExitCode);
        Assert.DoesNotContain(token, listed.Out, StringComparison.Ordinal);
        var member = Assert.Single(listed.Json().EnumerateArray());
        Assert.Equal(["org", "email", "addedAt"], ClockedRun.Keys(member));
        Assert.Equal("2026-11-02T09:00:00Z", member.GetProperty("addedAt").GetString());

        // The database holds the hash, never the token.
        var database = Directory.GetFiles(_files.Combine("data"), "index.db*").Select(File.ReadAllBytes).SelectMany(b => b).ToArray();
        var text = System.Text.Encoding.Latin1.GetString(database);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.Contains(PredisclosureList.Hash(token), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_Table_TokenPrintedWithAWarningThatItIsShownOnce()
    {
        var added = await RunAsync("predisclosure", "add", "--org", "Distro", "--email", "security@distro.example.org");
        var table = await RunAsync("predisclosure", "list");

        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith("Distro <security@distro.example.org>\ntoken: hpd_", added.Out, StringComparison.Ordinal);
        Assert.Contains("It is shown only now", added.Out, StringComparison.Ordinal);
        Assert.Equal("Distro\tsecurity@distro.example.org\t2026-11-02\n", table.Out);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@b")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("a@example.com, b@example.com")]
    public async Task Add_BadEmail_RefusedNamingItNothingStored(string email)
    {
        var refused = await RunAsync("predisclosure", "add", "--org", "X", "--email", email);
        var listed = await RunAsync("predisclosure", "list", "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"herald: '{email}' is not an email address; give the organisation's role address, e.g. --email security@example.com.", Assert.Single(refused.ErrorLines));
        Assert.Equal(0, listed.Json().GetArrayLength());
    }

    [Fact]
    public async Task Remove_Member_GoneAndAgainRefused()
    {
        await RunAsync("predisclosure", "add", "--org", "A", "--email", "security@a.example.org");
        await RunAsync("predisclosure", "add", "--org", "B", "--email", "security@b.example.org");

        var removed = await RunAsync("predisclosure", "remove", "SECURITY@a.example.org");
        var again = await RunAsync("predisclosure", "remove", "security@a.example.org");
        var listed = await RunAsync("predisclosure", "list", "--json");

        Assert.Equal(0, removed.ExitCode);
        Assert.Equal("removed security@a.example.org\n", removed.Out);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("herald: 'security@a.example.org' is not on the pre-disclosure list; 'herald predisclosure list' shows it.", Assert.Single(again.ErrorLines));
        Assert.Equal(["security@b.example.org"], listed.Json().EnumerateArray().Select(m => m.GetProperty("email").GetString()));
    }

    private Task<ClockedRun> RunAsync(params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", _repo.Path, "--data", _files.Combine("data")], _files.CreateSubdirectory("cwd"), _files.CreateSubdirectory("xdg"), Now);
}
