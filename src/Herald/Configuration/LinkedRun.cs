namespace Herald.Configuration;

/// <summary>A run of text, and the address it links to (null for plain text).</summary>
/// <param name="Text">The text, as it was.</param>
/// <param name="Link">The absolute address, or null.</param>
public sealed record LinkedRun(string Text, Uri? Link);
