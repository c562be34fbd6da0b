namespace Herald.Announcements;

/// <summary>A heading of a Markdown document and what follows it up to the next heading of its level.</summary>
/// <param name="Title">The heading's text (<c>Added</c>, <c>New Features</c>).</param>
/// <param name="Body">The Markdown under it, blank lines at either end trimmed.</param>
public sealed record MarkdownSection(string Title, string Body);
