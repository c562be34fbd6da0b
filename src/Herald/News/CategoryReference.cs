namespace Herald.News;

/// <summary>A category as a post names it.</summary>
/// <param name="Slug">Its address under <c>/news/category/</c>.</param>
/// <param name="Name">Its name.</param>
public sealed record CategoryReference(string Slug, string Name);
