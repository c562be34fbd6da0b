using System.Security.Cryptography;
using System.Text;
using Herald.Advisories;
using Herald.Storage;
using Herald.Tests.Storage;
using Herald.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>Managed advisories and the pre-disclosure list in the index database, on SQLite and on PostgreSQL.</summary>
public sealed class AdvisoryStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = TempDirectory.Create();
    private readonly FakeTimeProvider _clock = new(Start);
    private PostgresTestDatabase? _postgres;

    public async Task InitializeAsync() => _postgres = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _folder.Dispose();
    }

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreateAsync_SkipsNumbersTheRepositoryUses_AndAnEmbargoMakesItEmbargoed(string provider)
    {
        var store = new AdvisoryStore(await OpenAsync(provider), _clock);

        var draft = await store.CreateAsync(new AdvisoryDraft { Title = "A draft" }, "XSA", new HashSet<int> { 3, 496 });
        var embargoed = await store.CreateAsync(
            new AdvisoryDraft { Title = "Guest escape", Cves = ["cve-2026-42492"], Affects = ["4.19", "4.20"], EmbargoUntil = Start.AddDays(14) },
            "XSA",
            new HashSet<int> { 496 });

        Assert.Equal(("XSA-497", AdvisoryState.Draft), (draft.Id, draft.State));
        Assert.Equal(("XSA-498", AdvisoryState.Embargoed), (embargoed.Id, embargoed.State));
        Assert.Equal(["CVE-2026-42492"], embargoed.Content.Cves);
        Assert.False(embargoed.IsPublicAt(Start.AddDays(14).AddSeconds(-1)));
        Assert.True(embargoed.IsPublicAt(Start.AddDays(14)));
        Assert.Equal(["XSA-498", "XSA-497"], (await store.ListAsync()).Select(a => a.Id));
        Assert.Contains("not in the future", (await Assert.ThrowsAsync<HeraldException>(() => store.CreateAsync(new AdvisoryDraft { Title = "Late", EmbargoUntil = Start }, "XSA", new HashSet<int>()))).Message, StringComparison.Ordinal);
        Assert.Contains("not a CVE id", (await Assert.ThrowsAsync<HeraldException>(() => store.CreateAsync(new AdvisoryDraft { Title = "Bad", Cves = ["CVE-1"] }, "XSA", new HashSet<int>()))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_MakesANewVersionWithItsPatchesAndKeepsTheOldOnes(string provider)
    {
        var store = new AdvisoryStore(await OpenAsync(provider), _clock);
        var patch = Encoding.UTF8.GetBytes("--- a/xen/common/x.c\n+++ b/xen/common/x.c\n");
        var made = await store.CreateAsync(
            new AdvisoryDraft { Title = "Leak", Patches = [new PatchUpload("stable-4.19", "xsa1-4.19.patch", patch)], EmbargoUntil = Start.AddDays(7) },
            "XSA",
            new HashSet<int>());
        _clock.Advance(TimeSpan.FromDays(1));

        var updated = await store.UpdateAsync("xsa-1", new AdvisoryChange
        {
            Updates = "Patch for 4.20 added.",
            Patches = [new PatchUpload("stable-4.20", "xsa1-4.20.patch", [1, 2, 3])],
            Sections = AdvisorySections.Parse("ISSUE DESCRIPTION\n\nA leak.\n\nIMPACT\n\nGuests read host memory.\n"),
        });

        Assert.Equal(2, updated.Revision);
        Assert.Equal([(1, ""), (2, "Patch for 4.20 added.")], updated.Revisions.Select(r => (r.Revision, r.Updates)));
        Assert.Equal(["xsa1-4.19.patch", "xsa1-4.20.patch"], updated.Patches.Select(p => p.FileName));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(patch)), updated.Patches[0].Sha256);
        Assert.Equal(patch, await store.PatchAsync(made.Number, "xsa1-4.19.patch"));
        Assert.Equal(("A leak.", "Guests read host memory."), (updated.Sections().Description, updated.Sections().Impact));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PublishAsync_BeforeTheEmbargoNeedsAReason_AndAClaimSucceedsOnce(string provider)
    {
        var store = new AdvisoryStore(await OpenAsync(provider), _clock);
        var first = await store.CreateAsync(new AdvisoryDraft { Title = "One", EmbargoUntil = Start.AddHours(1) }, "XSA", new HashSet<int>());
        var second = await store.CreateAsync(new AdvisoryDraft { Title = "Two", EmbargoUntil = Start.AddHours(1) }, "XSA", new HashSet<int>());
        var generation = await store.ReadGenerationAsync();

        var refused = await Assert.ThrowsAsync<HeraldException>(() => store.PublishAsync(first.Id, null));
        var early = await store.PublishAsync(first.Id, "Already public on a mailing list.");
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.ClaimPublicationAsync(second.Number, Start.AddHours(1))));

        Assert.Contains("--now --reason", refused.Message, StringComparison.Ordinal);
        Assert.Equal((AdvisoryState.Public, "Already public on a mailing list."), (early.State, early.EarlyReason));
        Assert.Equal(1, claims.Count(c => c));
        Assert.True(await store.CompleteAsync(second.Number));
        Assert.False(await store.CompleteAsync(second.Number));
        Assert.True(await store.ReadGenerationAsync() > generation);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PredisclosureList_TokenFindsItsMemberUntilRemoved_AndIsStoredOnlyHashed(string provider)
    {
        var database = await OpenAsync(provider);
        var list = new PredisclosureList(database, _clock);

        var (member, token) = await list.AddAsync("Example Hosting", "Security@Example.com");
        var (_, other) = await list.AddAsync("Other Cloud", "psirt@other.example");

        Assert.Equal(("Example Hosting", "security@example.com"), (member.Org, member.Email));
        Assert.Equal(member, await list.FindByTokenAsync(token));
        Assert.Null(await list.FindByTokenAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await list.FindByTokenAsync("Bearer nonsense"));
        await using (var context = database.CreateContext())
        {
            Assert.DoesNotContain(context.PredisclosureMembers.Select(m => m.TokenHash).ToList(), h => h == token || h == other);
        }

        Assert.True(await list.RemoveAsync("SECURITY@example.com"));
        Assert.Null(await list.FindByTokenAsync(token));
        Assert.Equal(["psirt@other.example"], (await list.ListAsync()).Select(m => m.Email));
        Assert.Contains("not an email address", (await Assert.ThrowsAsync<HeraldException>(() => list.AddAsync("X", "not an address"))).Message, StringComparison.Ordinal);
    }

    private async Task<IndexDatabase> OpenAsync(string provider)
    {
        var database = provider == "sqlite"
            ? IndexDatabase.For(_folder.CreateSubdirectory("data"), null)
            : IndexDatabase.For(_folder.Path, _postgres!.ConnectionString);
        await database.EnsureMigratedAsync();
        return database;
    }
}
