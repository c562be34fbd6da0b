namespace Herald.Announcements;

/// <summary>
/// Puts a major release's notes into the project's sections: a notes file's <c>## Section</c> parts
/// where the titles match (any case), a CHANGELOG's <c>### Added</c> into the first section and
/// <c>### Changed</c> into the second; anything else (Removed, Fixed, Security, …) under its own title
/// after them. Within a section the notes file comes before the CHANGELOG.
/// </summary>
internal static class NotesSections
{
    public static IReadOnlyList<MarkdownSection> Merge(IReadOnlyList<string> sections, string? notesFile, ChangelogSection? changelog)
    {
        var order = new List<string>(sections);
        var bodies = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        void Add(string title, string body)
        {
            if (body.Length == 0)
            {
                return;
            }

            var known = order.FirstOrDefault(t => string.Equals(t, title, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                order.Add(title);
                known = title;
            }

            if (!bodies.TryGetValue(known, out var list))
            {
                bodies[known] = list = [];
            }

            list.Add(body);
        }

        if (notesFile is not null)
        {
            foreach (var part in ReleaseNotes.Sections(notesFile, 2))
            {
                Add(part.Title, part.Body);
            }
        }

        foreach (var part in changelog?.Subsections ?? [])
        {
            var title = part.Title.ToUpperInvariant() switch
            {
                "ADDED" when sections.Count > 0 => sections[0],
                "CHANGED" when sections.Count > 1 => sections[1],
                _ => part.Title,
            };
            Add(title, part.Body);
        }

        return [.. order.Where(bodies.ContainsKey).Select(t => new MarkdownSection(t, string.Join("\n\n", bodies[t])))];
    }
}
