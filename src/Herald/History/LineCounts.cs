namespace Herald.History;

/// <summary>The size of one commit: lines added and removed over its text files, and files touched.</summary>
/// <param name="Added">Lines added.</param>
/// <param name="Removed">Lines removed.</param>
/// <param name="Files">Files changed, binary ones included.</param>
public readonly record struct LineCounts(int Added, int Removed, int Files);
