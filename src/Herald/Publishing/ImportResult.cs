namespace Herald.Publishing;

/// <summary>What <c>herald import</c> did; the shape of its <c>--json</c> output.</summary>
/// <param name="Releases">Each release the tree had tarballs of, oldest first.</param>
/// <param name="Rejected">Files of the tree that were not imported, and why.</param>
public sealed record ImportResult(IReadOnlyList<ImportedRelease> Releases, IReadOnlyList<ImportRejection> Rejected);

/// <summary>One release of an import.</summary>
/// <param name="Version">The version.</param>
/// <param name="Imported">False when the release already had files in the store and was left as it is.</param>
/// <param name="Files">Each imported tarball by name with what was found out about it; empty when not imported.</param>
public sealed record ImportedRelease(string Version, bool Imported, IReadOnlyDictionary<string, ImportCheck> Files);

/// <summary>A file of the tree that was not imported.</summary>
/// <param name="Path">Its path in the tree (control characters shown as '?').</param>
/// <param name="Reason">Why.</param>
public sealed record ImportRejection(string Path, string Reason);
