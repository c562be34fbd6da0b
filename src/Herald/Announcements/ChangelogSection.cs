namespace Herald.Announcements;

/// <summary>One release's section of a Keep a Changelog document (<c>## [4.19.0](link) - 2024-07-29</c>).</summary>
/// <param name="Name">The version as the heading writes it (<c>4.19.0</c>), or <c>Unreleased</c>.</param>
/// <param name="Date">The date after the version, or null.</param>
/// <param name="Link">The link of a <c>[version](link)</c> heading, or null.</param>
/// <param name="Body">The section's Markdown without its <c>##</c> line, blank lines at either end trimmed.</param>
/// <param name="Subsections">Its <c>###</c> subsections in document order (<c>Added</c>, <c>Changed</c>, …).</param>
public sealed record ChangelogSection(string Name, DateOnly? Date, string? Link, string Body, IReadOnlyList<MarkdownSection> Subsections);
