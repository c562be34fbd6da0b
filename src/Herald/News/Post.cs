namespace Herald.News;

/// <summary>A news post as stored. Immutable.</summary>
/// <param name="Slug">Its address under <c>/news/</c>.</param>
/// <param name="Title">The title.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Markdown">The body as written (Markdown; render it with the sanitising renderer before showing it).</param>
/// <param name="Published">Whether visitors see it.</param>
/// <param name="Date">When it was first published (or created, while a draft), UTC.</param>
/// <param name="UpdatedAt">The last change, UTC.</param>
/// <param name="Revision">Counts changes, 1 when created.</param>
/// <param name="Categories">Its categories, by name.</param>
/// <param name="Versions">The versions an announcement is about (empty for other posts).</param>
public sealed record Post(
    string Slug,
    string Title,
    string Author,
    string Markdown,
    bool Published,
    DateTimeOffset Date,
    DateTimeOffset UpdatedAt,
    int Revision,
    IReadOnlyList<Category> Categories,
    IReadOnlyList<string> Versions)
{
    /// <summary>The key a mail of this post is recorded under: a post goes to each list at most once, whatever its later edits.</summary>
    public string MailKey => $"post:{Slug}";
}

/// <summary>A category of posts.</summary>
/// <param name="Slug">Its address under <c>/news/category/</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">What it holds.</param>
public sealed record Category(string Slug, string Name, string Description);

/// <summary>What a person writes to make or change a post.</summary>
/// <param name="Title">The title (required, at most 300 characters).</param>
/// <param name="Markdown">The body in Markdown.</param>
/// <param name="Author">Who writes it.</param>
/// <param name="Categories">Category names (created when new); empty means none.</param>
/// <param name="Published">Whether visitors see it at once.</param>
public sealed record PostDraft(string Title, string Markdown, string Author, IReadOnlyList<string> Categories, bool Published)
{
    /// <summary>The slug wanted, or null to make one from the title.</summary>
    public string? Slug { get; init; }

    /// <summary>The versions an announcement is about (its identity: publishing it again updates the same post).</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];
}
