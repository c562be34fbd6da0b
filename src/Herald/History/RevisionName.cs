namespace Herald.History;

/// <summary>Checks revision names that come from users or tags before they reach git.</summary>
public static class RevisionName
{
    /// <summary>
    /// Throws when <paramref name="revision"/> is empty, starts with '-', or holds characters git refuses
    /// in ref names (control characters, space, '~' and '^' outside of a leading exclusion, ':', '?', '*', '[', '\').
    /// </summary>
    public static void Validate(string revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var name = revision.StartsWith('^') ? revision[1..] : revision;
        if (name.Length == 0 || name.StartsWith('-') || name.Any(c => char.IsControl(c) || c is ' ' or ':' or '?' or '*' or '[' or '\\'))
        {
            throw new HeraldException($"'{Printable(revision)}' is not a valid revision; give a tag, branch, commit id or version.");
        }
    }

    private static string Printable(string text) =>
        new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
