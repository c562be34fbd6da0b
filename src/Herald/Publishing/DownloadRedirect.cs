namespace Herald.Publishing;

/// <summary>An old location prefix and the new one that replaces it.</summary>
/// <param name="From">The old path prefix, e.g. <c>/oss-xen/release/</c>.</param>
/// <param name="To">The new path prefix, e.g. <c>/downloads/release/xen/</c>.</param>
public sealed record DownloadRedirect(string From, string To);
