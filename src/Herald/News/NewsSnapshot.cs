namespace Herald.News;

/// <summary>
/// The published posts and the categories, read at once for the portal. Immutable; a change of the posts
/// (see <see cref="NewsStore.ReadGenerationAsync"/>) makes a new one.
/// </summary>
public sealed class NewsSnapshot
{
    private readonly Dictionary<string, Post> _bySlug;
    private readonly Dictionary<string, Category> _categories;
    private readonly Dictionary<string, List<Post>> _byCategory;
    private readonly Dictionary<string, List<Post>> _byVersion;

    /// <summary>Makes a snapshot of <paramref name="posts"/> (published only are kept, newest first).</summary>
    public NewsSnapshot(long generation, IEnumerable<Post> posts, IEnumerable<Category> categories)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(categories);
        Generation = generation;
        Posts = posts.Where(p => p.Published).OrderByDescending(p => p.Date).ThenByDescending(p => p.Slug, StringComparer.Ordinal).ToArray();
        Categories = categories.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        _bySlug = Posts.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        _categories = Categories.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        _byCategory = Categories.ToDictionary(c => c.Slug, c => Posts.Where(p => p.Categories.Any(pc => pc.Slug == c.Slug)).ToList(), StringComparer.Ordinal);
        _byVersion = Posts.SelectMany(p => p.Versions.Select(v => (Version: v, Post: p)))
            .GroupBy(x => x.Version, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Post).ToList(), StringComparer.Ordinal);
    }

    /// <summary>No posts, only the built-in category.</summary>
    public static NewsSnapshot Empty { get; } = new(0, [], [new Category(NewsCategories.ReleasesSlug, NewsCategories.ReleasesName, NewsCategories.ReleasesDescription)]);

    /// <summary>The generation of the posts this was read at.</summary>
    public long Generation { get; }

    /// <summary>Published posts, newest first.</summary>
    public IReadOnlyList<Post> Posts { get; }

    /// <summary>Categories by name.</summary>
    public IReadOnlyList<Category> Categories { get; }

    /// <summary>The published post <paramref name="slug"/>, or null.</summary>
    public Post? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    /// <summary>The category <paramref name="slug"/>, or null.</summary>
    public Category? FindCategory(string slug) => _categories.GetValueOrDefault(slug);

    /// <summary>The published posts of category <paramref name="slug"/>, newest first (empty for an unknown category).</summary>
    public IReadOnlyList<Post> InCategory(string slug) => _byCategory.TryGetValue(slug, out var posts) ? posts : [];

    /// <summary>The published posts that announce <paramref name="version"/>, newest first.</summary>
    public IReadOnlyList<Post> Announcing(string version) => _byVersion.TryGetValue(version, out var posts) ? posts : [];
}
