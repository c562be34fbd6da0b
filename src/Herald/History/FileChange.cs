namespace Herald.History;

/// <summary>
/// One file a commit changed, with its line counts from <c>git log --numstat</c>.
/// </summary>
/// <param name="Path">The path after the change.</param>
/// <param name="OldPath">The path before a rename or copy; null when the file kept its path.</param>
/// <param name="Added">Lines added; null for a binary file.</param>
/// <param name="Removed">Lines removed; null for a binary file.</param>
public sealed record FileChange(string Path, string? OldPath, int? Added, int? Removed)
{
    /// <summary>Whether git counted the file as binary (no line counts).</summary>
    public bool IsBinary => Added is null;

    /// <summary>Whether the change renamed or copied the file.</summary>
    public bool IsRename => OldPath is not null;
}
