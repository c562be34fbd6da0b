using System.Globalization;
using Herald.Search;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.News;

/// <summary>
/// Posts and categories in the index database: made, changed, listed and deleted by people (the CLI, the
/// portal's editors). Every change is one transaction that also moves the posts' generation on, so that
/// every portal instance sharing the database notices it.
/// </summary>
public sealed class NewsStore
{
    /// <summary>The <see cref="ContentStateRow"/> counting changes to posts.</summary>
    public const string GenerationKey = "news";

    private const int MaxTitle = 300;
    private const int MaxBody = 1_000_000;

    private readonly IndexDatabase _database;
    private readonly TimeProvider _clock;

    /// <summary>A store over <paramref name="database"/> (migrated by the caller), dating changes by <paramref name="clock"/>.</summary>
    public NewsStore(IndexDatabase database, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        _database = database;
        _clock = clock;
    }

    /// <summary>Makes a post; its slug is the one asked for, or one made from the title, made unique with -2, -3 …</summary>
    /// <exception cref="HeraldException">The title or slug is not acceptable, or the slug asked for is taken.</exception>
    public async Task<Post> CreateAsync(PostDraft draft, CancellationToken cancellationToken = default)
    {
        Check(draft);
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var slug = draft.Slug is { } wanted ? PostSlug.Check(wanted, "slug") : PostSlug.From(draft.Title);
        if (draft.Slug is not null && await context.Posts.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            throw new HeraldException($"a post with slug '{slug}' exists already; edit it with 'herald post edit {slug}', or choose another slug.");
        }

        slug = await FreeSlugAsync(context, slug, cancellationToken);
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var row = new PostRow
        {
            Slug = slug,
            Title = draft.Title.Trim(),
            Author = draft.Author,
            Markdown = draft.Markdown,
            Published = draft.Published,
            Date = now,
            UpdatedAt = now,
            Revision = 1,
            Versions = draft.Versions.Count == 0 ? null : string.Join(',', draft.Versions),
            AnnouncementKey = AnnouncementKey(draft.Versions),
        };
        context.Posts.Add(row);
        await context.SaveChangesAsync(cancellationToken);
        await SetCategoriesAsync(context, row.Id, draft.Categories, cancellationToken);
        await SearchRows.SetPostAsync(context, row, cancellationToken);
        await BumpGenerationAsync(context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await LoadAsync(context, row, cancellationToken);
    }

    /// <summary>
    /// Stores the announcement of <see cref="PostDraft.Versions"/>: a new post the first time, the same post
    /// updated (title, body, categories; its slug and date kept) every time after.
    /// </summary>
    /// <returns>The post and whether it was made now.</returns>
    public async Task<(Post Post, bool Created)> SaveAnnouncementAsync(PostDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var key = AnnouncementKey(draft.Versions) ?? throw new ArgumentException("an announcement names its versions.", nameof(draft));
        await using (var context = _database.CreateContext())
        {
            var existing = await context.Posts.AsNoTracking().Where(p => p.AnnouncementKey == key).Select(p => p.Slug).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                return (await UpdateAsync(existing, new PostChange { Title = draft.Title, Markdown = draft.Markdown, Categories = draft.Categories, Published = draft.Published ? true : null }, cancellationToken), false);
            }
        }

        return (await CreateAsync(draft, cancellationToken), true);
    }

    /// <summary>Changes post <paramref name="slug"/>: what <paramref name="change"/> gives replaces what was; the revision moves on.</summary>
    /// <exception cref="HeraldException">No post has that slug, or the change is not acceptable.</exception>
    public async Task<Post> UpdateAsync(string slug, PostChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await context.Posts.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken) ?? throw NotFound(slug);
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (change.Title is { } title)
        {
            row.Title = CheckTitle(title);
        }

        if (change.Markdown is { } markdown)
        {
            row.Markdown = CheckBody(markdown);
        }

        if (change.Published is { } published)
        {
            // A post dates from its first publication, not from when its draft was begun.
            if (published && !row.Published && !change.KeepDate)
            {
                row.Date = now;
            }

            row.Published = published;
        }

        row.UpdatedAt = now;
        row.Revision++;
        await context.SaveChangesAsync(cancellationToken);
        if (change.Categories is { } categories)
        {
            await SetCategoriesAsync(context, row.Id, categories, cancellationToken);
        }

        await SearchRows.SetPostAsync(context, row, cancellationToken);
        await BumpGenerationAsync(context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await LoadAsync(context, row, cancellationToken);
    }

    /// <summary>Deletes post <paramref name="slug"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await context.Posts.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (row is null)
        {
            return false;
        }

        await context.PostCategories.Where(c => c.PostId == row.Id).ExecuteDeleteAsync(cancellationToken);
        context.Posts.Remove(row);
        await context.SaveChangesAsync(cancellationToken);
        await SearchRows.DeletePostAsync(context, row.Id, cancellationToken);
        await BumpGenerationAsync(context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Post <paramref name="slug"/>, published or not, or null.</summary>
    public async Task<Post?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        var row = await context.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        return row is null ? null : await LoadAsync(context, row, cancellationToken);
    }

    /// <summary>Every post (drafts too), newest first.</summary>
    public async Task<IReadOnlyList<Post>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        return await ReadAllAsync(context, publishedOnly: false, cancellationToken);
    }

    /// <summary>Makes category <paramref name="name"/>, or changes the description of the one with its slug.</summary>
    /// <exception cref="HeraldException">The name or description is not acceptable.</exception>
    public async Task<Category> SaveCategoryAsync(string name, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        name = CheckCategoryName(name);

        if (description.Length > 500 || description.Any(char.IsControl))
        {
            throw new HeraldException("a category's description has at most 500 characters on one line.");
        }

        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var slug = PostSlug.From(name);
        var row = await context.Categories.FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (row is null)
        {
            row = new CategoryRow { Slug = slug, Name = name, Description = description };
            context.Categories.Add(row);
        }
        else
        {
            row.Name = name;
            row.Description = description;
        }

        await context.SaveChangesAsync(cancellationToken);
        await BumpGenerationAsync(context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToCategory(row);
    }

    /// <summary>The categories, by name.</summary>
    public async Task<IReadOnlyList<Category>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        var rows = await context.Categories.AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(ToCategory).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>The published posts and categories at once, in one transaction, for the portal.</summary>
    public async Task<NewsSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var generation = await GenerationAsync(context, cancellationToken);
        var posts = await ReadAllAsync(context, publishedOnly: true, cancellationToken);
        var categories = (await context.Categories.AsNoTracking().ToListAsync(cancellationToken)).Select(ToCategory);
        return new NewsSnapshot(generation, posts, categories);
    }

    /// <summary>A number every change of the posts moves on (0 before the first).</summary>
    public async Task<long> ReadGenerationAsync(CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        return await GenerationAsync(context, cancellationToken);
    }

    /// <summary>The identity of the announcement of <paramref name="versions"/> (order does not matter), or null for none.</summary>
    public static string? AnnouncementKey(IReadOnlyList<string> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return versions.Count == 0 ? null : "announce:" + string.Join(',', versions.Order(StringComparer.Ordinal));
    }

    private static Task<long> GenerationAsync(HeraldDbContext context, CancellationToken cancellationToken) =>
        ContentGeneration.ReadAsync(context, GenerationKey, cancellationToken);

    private static Task BumpGenerationAsync(HeraldDbContext context, CancellationToken cancellationToken) =>
        ContentGeneration.BumpAsync(context, GenerationKey, cancellationToken);

    private static async Task<string> FreeSlugAsync(HeraldDbContext context, string slug, CancellationToken cancellationToken)
    {
        var taken = await context.Posts.AsNoTracking().Where(p => p.Slug == slug || p.Slug.StartsWith(slug + "-")).Select(p => p.Slug).ToListAsync(cancellationToken);
        var set = taken.ToHashSet(StringComparer.Ordinal);
        if (!set.Contains(slug))
        {
            return slug;
        }

        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            var candidate = (slug.Length + suffix.Length > PostSlug.MaxLength ? slug[..(PostSlug.MaxLength - suffix.Length)] : slug) + suffix;
            if (!set.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static async Task SetCategoriesAsync(HeraldDbContext context, int postId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await context.PostCategories.Where(c => c.PostId == postId).ExecuteDeleteAsync(cancellationToken);
        var known = await context.Categories.ToListAsync(cancellationToken);
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var slug = PostSlug.From(CheckCategoryName(name));

            if (!known.Any(c => c.Slug == slug))
            {
                var row = new CategoryRow { Slug = slug, Name = name, Description = string.Empty };
                context.Categories.Add(row);
                known.Add(row);
            }

            context.PostCategories.Add(new PostCategoryRow { PostId = postId, Category = slug });
        }

        await context.SaveChangesAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<Post>> ReadAllAsync(HeraldDbContext context, bool publishedOnly, CancellationToken cancellationToken)
    {
        var query = context.Posts.AsNoTracking();
        if (publishedOnly)
        {
            query = query.Where(p => p.Published);
        }

        var rows = await query.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).ToListAsync(cancellationToken);
        var categories = (await context.Categories.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(c => c.Slug, ToCategory, StringComparer.Ordinal);
        var links = (await context.PostCategories.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(c => c.PostId);
        return rows.Select(r => ToPost(r, links[r.Id].Select(l => categories[l.Category]))).ToArray();
    }

    private static async Task<Post> LoadAsync(HeraldDbContext context, PostRow row, CancellationToken cancellationToken)
    {
        var categories = await context.PostCategories.AsNoTracking().Where(c => c.PostId == row.Id)
            .Join(context.Categories.AsNoTracking(), l => l.Category, c => c.Slug, (_, c) => c)
            .ToListAsync(cancellationToken);
        return ToPost(row, categories.Select(ToCategory));
    }

    private static Post ToPost(PostRow row, IEnumerable<Category> categories) => new(
        row.Slug,
        row.Title,
        row.Author,
        row.Markdown,
        row.Published,
        DateTimeOffset.FromUnixTimeSeconds(row.Date),
        DateTimeOffset.FromUnixTimeSeconds(row.UpdatedAt),
        row.Revision,
        categories.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToArray(),
        row.Versions is null ? [] : row.Versions.Split(','));

    private static Category ToCategory(CategoryRow row) => new(row.Slug, row.Name, row.Description);

    private static void Check(PostDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        CheckTitle(draft.Title);
        CheckBody(draft.Markdown);
        if (string.IsNullOrWhiteSpace(draft.Author))
        {
            throw new HeraldException("a post needs an author; give one with --author.");
        }
    }

    private static string CheckCategoryName(string name)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            throw new HeraldException($"category '{(name.Length > 40 ? name[..40] + "…" : name)}' is not acceptable; a category's name has 1 to 100 characters on one line.");
        }

        return name;
    }

    private static string CheckTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length > MaxTitle || title.Any(char.IsControl))
        {
            throw new HeraldException($"title '{(title ?? string.Empty)[..Math.Min(40, title?.Length ?? 0)]}' is not acceptable; a title has 1 to {MaxTitle} characters on one line.");
        }

        return title.Trim();
    }

    private static string CheckBody(string markdown)
    {
        if (markdown.Length > MaxBody)
        {
            throw new HeraldException($"the body has {markdown.Length:N0} characters; a post has at most {MaxBody:N0}.");
        }

        return markdown;
    }

    private static HeraldException NotFound(string slug) =>
        new($"no post has slug '{slug}'; 'herald post list' shows the posts.");
}

/// <summary>A change to a post: what is not null replaces what was.</summary>
public sealed record PostChange
{
    /// <summary>A new title.</summary>
    public string? Title { get; init; }

    /// <summary>A new body.</summary>
    public string? Markdown { get; init; }

    /// <summary>New categories (replacing all).</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Publish (true) or unpublish (false).</summary>
    public bool? Published { get; init; }

    /// <summary>Keep the post's date when it is published again.</summary>
    public bool KeepDate { get; init; }
}
