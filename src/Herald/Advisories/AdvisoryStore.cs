using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Advisories;

/// <summary>
/// The advisories the security team manages, in the index database: made, changed (each change a new
/// version), published, listed. Every change is one transaction that also moves the advisories' generation
/// on, so that every portal instance sharing the database notices it. Showing them is
/// <see cref="AccessPolicy"/>'s decision, never this store's.
/// </summary>
public sealed partial class AdvisoryStore
{
    /// <summary>The <see cref="ContentStateRow"/> counting changes to advisories and the pre-disclosure list.</summary>
    public const string GenerationKey = "advisories";

    /// <summary>The largest patch file accepted, in bytes.</summary>
    public const int MaxPatchBytes = 10 * 1024 * 1024;

    private const int MaxTitle = 300;
    private const int MaxSection = 200_000;

    private readonly IndexDatabase _database;
    private readonly TimeProvider _clock;

    /// <summary>A store over <paramref name="database"/> (migrated by the caller), dating changes by <paramref name="clock"/>.</summary>
    public AdvisoryStore(IndexDatabase database, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        _database = database;
        _clock = clock;
    }

    /// <summary>
    /// Makes an advisory numbered with the next free number after every number stored or in
    /// <paramref name="usedElsewhere"/> (those the repository's commits name), or <see cref="AdvisoryDraft.Number"/>.
    /// </summary>
    /// <exception cref="HeraldException">A value is not acceptable, the number is taken, or the embargo has ended already.</exception>
    public async Task<ManagedAdvisory> CreateAsync(AdvisoryDraft draft, string prefix, IReadOnlySet<int> usedElsewhere, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(usedElsewhere);
        prefix = CheckPrefix(prefix);
        var now = _clock.GetUtcNow();
        var content = CheckContent(new AdvisoryContent(draft.Title, draft.Cves, draft.Affects, draft.Versions, draft.Commits, draft.Sections));
        CheckEmbargo(draft.EmbargoUntil, now);
        var patches = CheckPatches(draft.Patches);
        var holds = CheckHolds(draft.HoldReleases, draft.HoldPosts);
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var stored = await context.Advisories.AsNoTracking().Select(a => a.Number).ToListAsync(cancellationToken);
        int number;
        if (draft.Number is { } wanted)
        {
            if (wanted is < 1 or > 99_999 || stored.Contains(wanted) || usedElsewhere.Contains(wanted))
            {
                throw new HeraldException($"advisory number {wanted} is taken or out of range (1–99999); leave --number out to take the next free one.");
            }

            number = wanted;
        }
        else
        {
            number = Math.Max(stored.DefaultIfEmpty(0).Max(), usedElsewhere.DefaultIfEmpty(0).Max()) + 1;
        }

        var document = JsonSerializer.Serialize(content, HeraldJson.Options);
        var row = new AdvisoryRow
        {
            Number = number,
            Id = prefix + "-" + number.ToString(CultureInfo.InvariantCulture),
            Title = content.Title,
            State = (draft.EmbargoUntil is null ? AdvisoryState.Draft : AdvisoryState.Embargoed).ToString().ToLowerInvariant(),
            EmbargoUntil = draft.EmbargoUntil?.ToUnixTimeSeconds(),
            CreatedAt = now.ToUnixTimeSeconds(),
            UpdatedAt = now.ToUnixTimeSeconds(),
            Revision = 1,
            Document = document,
        };
        context.Advisories.Add(row);
        context.AdvisoryRevisions.Add(new AdvisoryRevisionRow { Number = number, Revision = 1, CreatedAt = row.CreatedAt, Updates = string.Empty, Document = document });
        AddPatches(context, number, 1, patches);
        AddHolds(context, number, holds, []);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another 'advisory create' took the number between the read and this write (the key is unique).
            throw new HeraldException($"{row.Id} was taken by another advisory made at the same moment; run the command again for the next free number.");
        }

        await ContentGeneration.BumpAsync(context, GenerationKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await LoadAsync(context, [row], cancellationToken))[0];
    }

    /// <summary>Makes a new version of <paramref name="id"/> with <paramref name="change"/>.</summary>
    /// <exception cref="HeraldException">No such advisory, or a value is not acceptable.</exception>
    public async Task<ManagedAdvisory> UpdateAsync(string id, AdvisoryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var now = _clock.GetUtcNow();
        var updates = CheckUpdates(change.Updates);
        var patches = CheckPatches(change.Patches);
        var holds = CheckHolds(change.HoldReleases, change.HoldPosts);
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await FindRowAsync(context, id, cancellationToken) ?? throw NotFound(id);
        var old = Content(row.Document);
        var content = CheckContent(new AdvisoryContent(
            change.Title ?? old.Title,
            change.Cves ?? old.Cves,
            change.Affects ?? old.Affects,
            change.Versions ?? old.Versions,
            change.Commits ?? old.Commits,
            change.Sections ?? old.Sections));
        var state = ParseState(row.State);
        if (change.EmbargoUntil is { } until)
        {
            if (state == AdvisoryState.Public)
            {
                throw new HeraldException($"{row.Id} is public already; its embargo cannot change.");
            }

            CheckEmbargo(until, now);
            row.EmbargoUntil = until.ToUnixTimeSeconds();
            row.State = AdvisoryState.Embargoed.ToString().ToLowerInvariant();
        }

        row.Revision++;
        row.Title = content.Title;
        row.Document = JsonSerializer.Serialize(content, HeraldJson.Options);
        row.UpdatedAt = now.ToUnixTimeSeconds();
        context.AdvisoryRevisions.Add(new AdvisoryRevisionRow { Number = row.Number, Revision = row.Revision, CreatedAt = row.UpdatedAt, Updates = updates, Document = row.Document });
        await context.AdvisoryPatches.Where(p => p.Number == row.Number && patches.Select(u => u.FileName).Contains(p.FileName)).ExecuteDeleteAsync(cancellationToken);
        AddPatches(context, row.Number, row.Revision, patches);
        var held = await context.AdvisoryHolds.AsNoTracking().Where(h => h.Number == row.Number).Select(h => h.Kind + ":" + h.Target).ToListAsync(cancellationToken);
        AddHolds(context, row.Number, holds, held);
        await context.SaveChangesAsync(cancellationToken);
        await ContentGeneration.BumpAsync(context, GenerationKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await LoadAsync(context, [row], cancellationToken))[0];
    }

    /// <summary>
    /// Makes <paramref name="id"/> public now. Before its embargo ends (or while a draft has an embargo) only with
    /// <paramref name="earlyReason"/>, which is recorded. Does not do what publication entails (held posts,
    /// mails): the embargo publisher does, for this and every due advisory.
    /// </summary>
    /// <exception cref="HeraldException">No such advisory, public already, or the embargo has not ended and no reason was given.</exception>
    public async Task<ManagedAdvisory> PublishAsync(string id, string? earlyReason, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await FindRowAsync(context, id, cancellationToken) ?? throw NotFound(id);
        if (ParseState(row.State) == AdvisoryState.Public)
        {
            throw new HeraldException($"{row.Id} is public already (since {Format(row.PublishedAt ?? row.UpdatedAt)}).");
        }

        var early = row.EmbargoUntil is { } until && now.ToUnixTimeSeconds() < until;
        if (early)
        {
            if (string.IsNullOrWhiteSpace(earlyReason))
            {
                throw new HeraldException($"{row.Id} is under embargo until {Format(row.EmbargoUntil!.Value)}; it is published then by itself. To break the embargo, give --now --reason \"why\" (recorded).");
            }

            if (earlyReason.Length > 1000 || earlyReason.Any(c => char.IsControl(c) && c != '\n'))
            {
                throw new HeraldException("the reason is not acceptable; give at most 1000 characters of text.");
            }

            row.EarlyReason = earlyReason.Trim();
        }

        row.State = AdvisoryState.Public.ToString().ToLowerInvariant();
        row.PublishedAt = now.ToUnixTimeSeconds();
        row.UpdatedAt = row.PublishedAt.Value;
        await context.SaveChangesAsync(cancellationToken);
        await ContentGeneration.BumpAsync(context, GenerationKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await LoadAsync(context, [row], cancellationToken))[0];
    }

    /// <summary>
    /// Stores <paramref name="number"/> as public at <paramref name="now"/> when it is not yet: the one step that
    /// decides which publisher publishes (true for exactly one caller, whatever the instances and restarts).
    /// </summary>
    public async Task<bool> ClaimPublicationAsync(int number, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var publicState = AdvisoryState.Public.ToString().ToLowerInvariant();
        var at = now.ToUnixTimeSeconds();
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await context.Advisories
            .Where(a => a.Number == number && a.State != publicState)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, publicState).SetProperty(a => a.PublishedAt, at).SetProperty(a => a.UpdatedAt, at), cancellationToken) == 1;
        if (claimed)
        {
            await ContentGeneration.BumpAsync(context, GenerationKey, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>Records that what the publication of <paramref name="number"/> entails is done; true for the one caller that recorded it.</summary>
    public async Task<bool> CompleteAsync(int number, CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var done = await context.Advisories.Where(a => a.Number == number && !a.Completed).ExecuteUpdateAsync(s => s.SetProperty(a => a.Completed, true), cancellationToken) == 1;
        if (done)
        {
            await ContentGeneration.BumpAsync(context, GenerationKey, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>Every managed advisory, newest (highest number) first.</summary>
    public async Task<IReadOnlyList<ManagedAdvisory>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        var rows = await context.Advisories.AsNoTracking().ToListAsync(cancellationToken);
        return (await LoadAsync(context, rows, cancellationToken)).OrderByDescending(a => a.Number).ToList();
    }

    /// <summary>Advisory <paramref name="id"/> (any case), or null.</summary>
    public async Task<ManagedAdvisory?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        var row = await FindRowAsync(context, id, cancellationToken);
        return row is null ? null : (await LoadAsync(context, [row], cancellationToken))[0];
    }

    /// <summary>
    /// Stores the text of version <paramref name="revision"/> of advisory <paramref name="number"/> as published and mailed
    /// (clear-signed by the caller, which holds the release key): the portal serves and mails it as stored.
    /// <paramref name="publicText"/> is how it reads once public (without the embargo line), also signed: the
    /// portal serves it from the embargo's end without holding the key.
    /// </summary>
    public async Task SetTextAsync(int number, int revision, string text, string? publicText = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (await context.AdvisoryRevisions.Where(r => r.Number == number && r.Revision == revision).ExecuteUpdateAsync(s => s.SetProperty(r => r.Text, text).SetProperty(r => r.PublicText, publicText ?? text), cancellationToken) != 1)
        {
            throw new InvalidOperationException($"advisory number {number} has no version {revision}.");
        }

        await ContentGeneration.BumpAsync(context, GenerationKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The bytes of patch <paramref name="fileName"/> of advisory number <paramref name="number"/>, or null.</summary>
    public async Task<byte[]?> PatchAsync(int number, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        await using var context = _database.CreateContext();
        return await context.AdvisoryPatches.AsNoTracking().Where(p => p.Number == number && p.FileName == fileName).Select(p => p.Content).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The generation of the advisories (moves on with every change).</summary>
    public async Task<long> ReadGenerationAsync(CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        return await ContentGeneration.ReadAsync(context, GenerationKey, cancellationToken);
    }

    /// <summary>The content of one stored version, as JSON.</summary>
    public static AdvisoryContent Content(string document) =>
        JsonSerializer.Deserialize<AdvisoryContent>(document, HeraldJson.Options) ?? throw new InvalidDataException("an advisory's stored document is empty.");

    private static async Task<AdvisoryRow?> FindRowAsync(HeraldDbContext context, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var wanted = id.Trim().ToUpperInvariant();
        return await context.Advisories.FirstOrDefaultAsync(a => a.Id == wanted, cancellationToken);
    }

    private static async Task<IReadOnlyList<ManagedAdvisory>> LoadAsync(HeraldDbContext context, IReadOnlyList<AdvisoryRow> rows, CancellationToken cancellationToken)
    {
        var numbers = rows.Select(r => r.Number).ToList();
        var revisions = (await context.AdvisoryRevisions.AsNoTracking().Where(r => numbers.Contains(r.Number))
            .Select(r => new { r.Number, r.Revision, r.CreatedAt, r.Updates, r.Text, r.PublicText }).ToListAsync(cancellationToken)).ToLookup(r => r.Number);
        var patches = (await context.AdvisoryPatches.AsNoTracking().Where(p => numbers.Contains(p.Number))
            .Select(p => new { p.Number, p.FileName, p.Branch, p.Revision, p.Sha256, Size = (long)p.Content.Length }).ToListAsync(cancellationToken)).ToLookup(p => p.Number);
        var holds = (await context.AdvisoryHolds.AsNoTracking().Where(h => numbers.Contains(h.Number)).ToListAsync(cancellationToken)).ToLookup(h => h.Number);
        return rows.Select(row => new ManagedAdvisory(
            row.Id,
            row.Number,
            ParseState(row.State),
            row.EmbargoUntil is { } until ? DateTimeOffset.FromUnixTimeSeconds(until) : null,
            DateTimeOffset.FromUnixTimeSeconds(row.CreatedAt),
            DateTimeOffset.FromUnixTimeSeconds(row.UpdatedAt),
            row.PublishedAt is { } at ? DateTimeOffset.FromUnixTimeSeconds(at) : null,
            row.EarlyReason,
            row.Revision,
            Content(row.Document),
            revisions[row.Number].OrderBy(r => r.Revision).Select(r => new AdvisoryRevision(r.Revision, DateTimeOffset.FromUnixTimeSeconds(r.CreatedAt), r.Updates, r.Text, r.PublicText)).ToList(),
            patches[row.Number].OrderBy(p => p.FileName, StringComparer.Ordinal).Select(p => new AdvisoryPatch(p.FileName, p.Branch, p.Revision, p.Sha256, p.Size)).ToList(),
            holds[row.Number].Where(h => h.Kind == HoldRelease).Select(h => h.Target).Order(StringComparer.Ordinal).ToList(),
            holds[row.Number].Where(h => h.Kind is HoldPost or HoldMailedPost).Select(h => h.Target).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            row.Completed)
        {
            PostsToMail = holds[row.Number].Where(h => h.Kind == HoldMailedPost).Select(h => h.Target).Order(StringComparer.Ordinal).ToList(),
        }).ToList();
    }

    /// <summary>The kind of a hold on a release.</summary>
    public const string HoldRelease = "release";

    /// <summary>The kind of a hold on a post.</summary>
    public const string HoldPost = "post";

    /// <summary>The kind of a hold on a post that is also mailed to the <c>[mail]</c> lists once published.</summary>
    public const string HoldMailedPost = "post-mail";

    private static void AddPatches(HeraldDbContext context, int number, int revision, IReadOnlyList<PatchUpload> patches)
    {
        foreach (var patch in patches)
        {
            context.AdvisoryPatches.Add(new AdvisoryPatchRow
            {
                Number = number,
                FileName = patch.FileName,
                Branch = patch.Branch,
                Revision = revision,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(patch.Content)),
                Content = patch.Content,
            });
        }
    }

    private static void AddHolds(HeraldDbContext context, int number, List<(string Kind, string Target)> holds, IReadOnlyList<string> existing)
    {
        foreach (var (kind, target) in holds.Distinct())
        {
            if (!existing.Contains(kind + ":" + target))
            {
                context.AdvisoryHolds.Add(new AdvisoryHoldRow { Number = number, Kind = kind, Target = target });
            }
        }
    }

    /// <summary>The state <paramref name="stored"/> names.</summary>
    internal static AdvisoryState ParseState(string stored) =>
        Enum.TryParse<AdvisoryState>(stored, ignoreCase: true, out var state) ? state : throw new InvalidDataException($"unknown advisory state '{stored}'.");

    private static string Format(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string CheckPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!Prefix().IsMatch(prefix))
        {
            throw new HeraldException($"advisory prefix '{prefix}' is not acceptable; [security] prefix takes 1 to 10 capital letters, e.g. prefix = \"XSA\".");
        }

        return prefix;
    }

    private static void CheckEmbargo(DateTimeOffset? until, DateTimeOffset now)
    {
        if (until is { } end && end <= now)
        {
            throw new HeraldException($"the embargo end {end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)} is not in the future; give a later UTC time, or publish with 'herald advisory publish'.");
        }
    }

    private static AdvisoryContent CheckContent(AdvisoryContent content)
    {
        var title = content.Title?.Trim() ?? string.Empty;
        if (title.Length is 0 or > MaxTitle || title.Any(char.IsControl))
        {
            throw new HeraldException($"title '{(title.Length > 40 ? title[..40] + "…" : title)}' is not acceptable; a title has 1 to {MaxTitle} characters on one line.");
        }

        var cves = content.Cves.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var cve in cves.Where(c => !Cve().IsMatch(c)))
        {
            throw new HeraldException($"'{Cut(cve)}' is not a CVE id; give ids like --cve CVE-2026-12345.");
        }

        var affects = content.Affects.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var series in affects.Concat(content.Versions).Where(v => !VersionName().IsMatch(v.Trim())))
        {
            throw new HeraldException($"'{Cut(series)}' is not a series or version; give them like --affects 4.18,4.19 or --version 4.19.0.");
        }

        var commits = content.Commits.Select(c => c.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var commit in commits.Where(c => !CommitId().IsMatch(c)))
        {
            throw new HeraldException($"'{Cut(commit)}' is not a full commit id; give the 40 hexadecimal digits, e.g. from 'git rev-parse'.");
        }

        foreach (var (heading, read) in AdvisorySections.Order)
        {
            if (read(content.Sections).Length > MaxSection)
            {
                throw new HeraldException($"section '{heading}' has more than {MaxSection:N0} characters.");
            }
        }

        return new AdvisoryContent(title, cves, affects, content.Versions.Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList(), commits, content.Sections);
    }

    private static string CheckUpdates(string updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        updates = updates.Trim();
        if (updates.Length is 0 or > 10_000)
        {
            throw new HeraldException("a new version says what changed in it; give --updates \"…\" (at most 10,000 characters).");
        }

        return updates;
    }

    private static IReadOnlyList<PatchUpload> CheckPatches(IReadOnlyList<PatchUpload> patches)
    {
        foreach (var patch in patches)
        {
            if (!FileName().IsMatch(patch.FileName) || patch.FileName.Contains("..", StringComparison.Ordinal))
            {
                throw new HeraldException($"patch file name '{Cut(patch.FileName)}' is not acceptable; use letters, digits, '.', '-' and '_' (e.g. xsa500-4.19.patch).");
            }

            if (!BranchName().IsMatch(patch.Branch) || patch.Branch.Contains("..", StringComparison.Ordinal))
            {
                throw new HeraldException($"branch '{Cut(patch.Branch)}' is not acceptable; give --patch BRANCH=FILE with a branch name such as stable-4.19.");
            }

            if (patch.Content.Length > MaxPatchBytes)
            {
                throw new HeraldException($"patch {patch.FileName} has {patch.Content.Length:N0} bytes; at most {MaxPatchBytes:N0} are accepted.");
            }
        }

        if (patches.GroupBy(p => p.FileName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new HeraldException($"patch file name '{twice.Key}' is given twice; give each file once.");
        }

        return patches;
    }

    private static List<(string Kind, string Target)> CheckHolds(IReadOnlyList<string> releases, IReadOnlyList<string> posts)
    {
        foreach (var release in releases.Where(r => !VersionName().IsMatch(r.Trim())))
        {
            throw new HeraldException($"'{Cut(release)}' is not a release version; give --hold 4.19.1.");
        }

        foreach (var post in posts.Where(p => !FileName().IsMatch(p.Trim())))
        {
            throw new HeraldException($"'{Cut(post)}' is not a post's slug; 'herald post list' shows them.");
        }

        return releases.Select(r => (HoldRelease, r.Trim())).Concat(posts.Select(p => (HoldPost, p.Trim()))).ToList();
    }

    private static string Cut(string value) => value.Length > 60 ? value[..60] + "…" : value;

    private static HeraldException NotFound(string id) =>
        new($"no advisory '{Cut(id)}' is managed here; 'herald advisory list' shows them.");

    [GeneratedRegex("^[A-Z]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^CVE-\d{4}-\d{4,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex Cve();

    [GeneratedRegex(@"^[0-9][0-9A-Za-z.\-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionName();

    [GeneratedRegex("^(?:[0-9a-f]{40}|[0-9a-f]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex BranchName();
}
